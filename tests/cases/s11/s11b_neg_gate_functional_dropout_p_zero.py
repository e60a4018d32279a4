# case: the gating layer of s11b with gate dropout probability 0.0: F.dropout(g, 0.0, True, True) leaves the gate untouched (no write, no version bump), so the sigmoid output it kept is intact and backward runs
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class GatedUnit(nn.Module):
    def __init__(self, dim=6, p=0.0):
        super().__init__()
        self.value = nn.Linear(dim, dim)
        self.gate = nn.Linear(dim, dim)
        self.p = p

    def forward(self, x):
        g = torch.sigmoid(self.gate(x))
        F.dropout(g, self.p, True, True)
        return self.value(x) * g


unit = GatedUnit()
x = torch.randn(4, 6)
out = unit(x)
loss = out.pow(2).mean()
print(round(loss.item(), 4))
loss.backward()
