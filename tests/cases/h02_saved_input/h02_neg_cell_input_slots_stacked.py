# case: clean twin: the decoder keeps each step's prediction in a list and stacks them at the end, so the input the cell kept is never written
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.GRUCell(4, 4)
        self.out = nn.Linear(4, 4)

    def forward(self, h, steps):
        prev = torch.zeros(h.shape[0], 4)
        outputs = [prev]
        for t in range(steps):
            h = self.cell(outputs[-1], h)
            outputs.append(self.out(h))
        return torch.stack(outputs, dim=1)


dec = Decoder()
o = dec(torch.randn(2, 4), 3)
o.sum().backward()
