# case: a gating layer applies F.dropout to its sigmoid gate with training and inplace passed by position (`F.dropout(g, p, True, True)`); with p=0.5 the dropout rewrites the gate the sigmoid kept as its output for backward
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class GatedUnit(nn.Module):
    def __init__(self, dim=6, p=0.5):
        super().__init__()
        self.value = nn.Linear(dim, dim)
        self.gate = nn.Linear(dim, dim)
        self.p = p

    def forward(self, x):
        g = torch.sigmoid(self.gate(x))  # saver
        F.dropout(g, self.p, True, True)  # expect: GG002
        return self.value(x) * g


unit = GatedUnit()
x = torch.randn(4, 6)
out = unit(x)
loss = out.pow(2).mean()
print(round(loss.item(), 4))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
