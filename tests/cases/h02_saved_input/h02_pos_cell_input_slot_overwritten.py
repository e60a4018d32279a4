# case: a decoder feeds GRUCell the previous slot of a preallocated outputs tensor and writes each step's prediction into the next slot; the cell kept its input (a view of outputs) for weight_ih's gradient, so the next slot write breaks the backward
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.GRUCell(4, 4)
        self.out = nn.Linear(4, 4)

    def forward(self, h, steps):
        outputs = torch.zeros(h.shape[0], steps + 1, 4)
        for t in range(steps):
            h = self.cell(outputs[:, t], h)  # saver
            outputs[:, t + 1] = self.out(h)  # expect: GG002
        return outputs


dec = Decoder()
o = dec(torch.randn(2, 4), 3)
o.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
