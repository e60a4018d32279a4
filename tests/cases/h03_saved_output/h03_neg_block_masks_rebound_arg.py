# case: the clean twin: forward masks its input out of place (`h = h * keep`)
import torch
import torch.nn as nn


class Masked(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(4)

    def forward(self, h, keep):
        h = h * keep
        return self.norm(h)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Linear(4, 4)
        self.block = Masked()

    def forward(self, x, keep):
        h = torch.tanh(self.emb(x))
        h = self.block(h, keep)
        return h


torch.manual_seed(0)
net = Net()
keep = (torch.rand(3, 1) > 0.3).float()
loss = net(torch.randn(3, 4), keep).pow(2).sum()
loss.backward()
