import torch
import torch.nn as nn

from .cell import CfCCell


class CfC(nn.Module):
    def __init__(self, input_size, units, proj_size):
        super().__init__()
        self.units = units
        self.rnn_cell = CfCCell(input_size, units)
        self.fc = nn.Linear(units, proj_size)

    def forward(self, input, hx=None):
        batch, seq_len, _ = input.shape
        h_state = torch.zeros(batch, self.units) if hx is None else hx
        outputs = []
        for t in range(seq_len):
            h_state = self.rnn_cell(input[:, t], h_state)
            outputs.append(self.fc(h_state))
        return torch.stack(outputs, dim=1), h_state
