# case: twin of the ModuleList case with the addition out of place
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        y = torch.sigmoid(self.fc(x))
        y = y + 1
        return y


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([Block() for _ in range(3)])


model = Encoder()
x = torch.randn(2, 4)
outs = []
for k in [0, 2]:
    outs.append(model.layer[k](x))
sum(o.sum() for o in outs).backward()
