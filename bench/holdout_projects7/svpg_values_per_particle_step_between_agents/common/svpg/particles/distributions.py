import torch
import torch.nn as nn

from .utils import orthogonal_init


class DiagGaussian(nn.Module):
    def __init__(self, num_inputs, num_outputs):
        super().__init__()
        self.fc_mean = orthogonal_init(nn.Linear(num_inputs, num_outputs), gain=0.01)
        self.logstd = nn.Parameter(torch.zeros(num_outputs))

    def forward(self, x):
        return torch.distributions.Normal(self.fc_mean(x), self.logstd.exp())
