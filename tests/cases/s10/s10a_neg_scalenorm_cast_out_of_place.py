# case: the ScaleNorm of s10a with the division out of place (`x = x / n.clamp(...)`): the cast handed back the block's input itself, but nothing writes it, so the norm's saved tensor and the residual keep their values and the blocks train
import torch
import torch.nn as nn

torch.manual_seed(0)


class ScaleNorm(nn.Module):
    def __init__(self, eps=1e-5):
        super().__init__()
        self.g = nn.Parameter(torch.ones(1))
        self.eps = eps

    def forward(self, x):
        x = x.to(torch.float32)
        n = x.norm(dim=-1, keepdim=True)
        x = x / n.clamp(min=self.eps)
        return self.g * x


class Block(nn.Module):
    def __init__(self, d=8):
        super().__init__()
        self.norm = ScaleNorm()
        self.proj = nn.Linear(d, d)

    def forward(self, x):
        return x + self.proj(self.norm(x))


blocks = nn.Sequential(Block(), Block())
inp = torch.randn(3, 8)
h = nn.Linear(8, 8)(inp)
loss = blocks(h).pow(2).mean()
print(round(loss.item(), 4))
loss.backward()
