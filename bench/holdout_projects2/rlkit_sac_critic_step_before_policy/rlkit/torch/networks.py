import torch
from torch import nn
from torch.nn import functional as F


class Mlp(nn.Module):
    def __init__(self, hidden_sizes, output_size, input_size, hidden_activation=F.relu):
        super().__init__()
        self.hidden_activation = hidden_activation
        self.fcs = nn.ModuleList()
        in_size = input_size
        for next_size in hidden_sizes:
            self.fcs.append(nn.Linear(in_size, next_size))
            in_size = next_size
        self.last_fc = nn.Linear(in_size, output_size)

    def forward(self, input, return_preactivations=False):
        h = input
        for fc in self.fcs:
            h = self.hidden_activation(fc(h))
        preactivation = self.last_fc(h)  # saver
        if return_preactivations:
            return preactivation, h
        return preactivation


class ConcatMlp(Mlp):
    """Concatenate inputs along dimension 1 and then pass through the MLP."""

    def forward(self, *inputs, **kwargs):
        flat_inputs = torch.cat(inputs, dim=1)
        return super().forward(flat_inputs, **kwargs)
