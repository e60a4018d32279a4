# case: a ScaleNorm casts its input with `x = x.to(torch.float32)` (the same tensor when it is already float32) and divides it in place by its norm, which saved it; the write also changes the block's residual, so the out-of-place rewrite would change what the block computes and must not be offered as safe (the clone of what the norm saves keeps the maths)
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
        n = x.norm(dim=-1, keepdim=True)  # saver
        x /= n.clamp(min=self.eps)  # expect: GG002
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
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
