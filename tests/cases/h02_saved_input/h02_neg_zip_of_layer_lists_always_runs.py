# case: a residual block loops over zip of two ModuleLists of three convs: the loop always runs, so it returns a fresh sum, never its input; adding to that result in place is safe
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.convs1 = nn.ModuleList([nn.Conv1d(2, 2, 3, padding=1) for _ in range(3)])
        self.convs2 = nn.ModuleList([nn.Conv1d(2, 2, 3, padding=1) for _ in range(3)])

    def forward(self, x):
        for c1, c2 in zip(self.convs1, self.convs2):
            x = c2(c1(F.leaky_relu(x, 0.1))) + x
        return x


torch.manual_seed(0)
a, b = ResBlock(), ResBlock()
x = torch.randn(1, 2, 8, requires_grad=True)
xs = a(torch.tanh(x))
xs += b(x)
xs.sum().backward()
