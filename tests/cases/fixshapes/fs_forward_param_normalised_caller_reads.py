# case: an L2-norm module divides its input in place (`x /= norm`) after `x.pow(2)` saved it; the caller goes on with the same x (normalised by the write), so the out-of-place rewrite would change what the caller computes
import torch
import torch.nn as nn


class L2Norm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.full((n,), 2.0))

    def forward(self, x):
        norm = x.pow(2).sum(dim=1, keepdim=True).sqrt() + 1e-10  # saver
        x /= norm  # expect: GG002
        return self.weight * x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Linear(3, 4)
        self.norm = L2Norm(4)
        self.extra = nn.Linear(4, 2)

    def forward(self, inp):
        x = self.conv(inp)
        s = self.norm(x)
        return s.sum() + self.extra(x).sum()


net = Net()
net(torch.randn(5, 3)).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(net.conv.weight.grad.shape)
