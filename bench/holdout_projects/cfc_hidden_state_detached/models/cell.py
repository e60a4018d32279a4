import torch
import torch.nn as nn


class LeCun(nn.Module):
    def forward(self, x):
        return 1.7159 * torch.tanh(0.666 * x)


class CfCCell(nn.Module):
    """Closed-form continuous-time cell (small re-typed stand-in)."""

    def __init__(self, input_size, hidden_size, backbone_units=10):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(input_size + hidden_size, backbone_units), LeCun())
        self.ff1 = nn.Linear(backbone_units, hidden_size)
        self.ff2 = nn.Linear(backbone_units, hidden_size)
        self.time_a = nn.Linear(backbone_units, hidden_size)
        self.time_b = nn.Linear(backbone_units, hidden_size)

    def forward(self, inputs, hx, ts=1.0):
        x = torch.cat([inputs, hx], 1)
        x = self.backbone(x)
        ff1 = torch.tanh(self.ff1(x))
        ff2 = torch.tanh(self.ff2(x))
        t_a = self.time_a(x)
        t_b = self.time_b(x)
        t_interp = torch.sigmoid(t_a * ts + t_b)
        return ff1 * (1.0 - t_interp) + t_interp * ff2
