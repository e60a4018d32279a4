# case: blocks of a ModuleList reached through nested modules and indexed by a loop variable; each block adds in place to a sigmoid output
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        y = torch.sigmoid(self.fc(x))  # saver
        y += 1  # expect: GG002
        return y


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([Block() for _ in range(3)])


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()


model = Model()
x = torch.randn(2, 4)
outs = []
for k in [0, 2]:
    outs.append(model.encoder.layer[k](x))
sum(o.sum() for o in outs).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
