# source: https://github.com/pyg-team/pytorch_geometric/pull/4424
# case: look-alike: reset_parameters copies an out-of-place `torch.arange(...) * PI` into the Parameter under `torch.no_grad()` (`self.freq.copy_(...)`), which keeps freq trainable; the model builds, backpropagates and freq receives a gradient
import math

import torch
from torch.nn import Linear

torch.manual_seed(0)
PI = math.pi


class Envelope(torch.nn.Module):
    def __init__(self, exponent):
        super().__init__()
        self.p = exponent + 1
        self.a = -(self.p + 1) * (self.p + 2) / 2
        self.b = self.p * (self.p + 2)
        self.c = -self.p * (self.p + 1) / 2

    def forward(self, x):
        p, a, b, c = self.p, self.a, self.b, self.c
        x_pow_p0 = x.pow(p - 1)
        x_pow_p1 = x_pow_p0 * x
        x_pow_p2 = x_pow_p1 * x
        return 1.0 / x + a * x_pow_p0 + b * x_pow_p1 + c * x_pow_p2


class BesselBasisLayer(torch.nn.Module):
    def __init__(self, num_radial, cutoff=5.0, envelope_exponent=5):
        super().__init__()
        self.cutoff = cutoff
        self.envelope = Envelope(envelope_exponent)
        self.freq = torch.nn.Parameter(torch.empty(num_radial))
        self.reset_parameters()

    def reset_parameters(self):
        with torch.no_grad():
            self.freq.copy_(torch.arange(1, self.freq.numel() + 1, dtype=self.freq.dtype) * PI)

    def forward(self, dist):
        dist = dist.unsqueeze(-1) / self.cutoff
        return self.envelope(dist) * (self.freq * dist).sin()


class DimeNet(torch.nn.Module):
    def __init__(self, hidden_channels, out_channels, num_radial, cutoff=5.0):
        super().__init__()
        self.rbf = BesselBasisLayer(num_radial, cutoff)
        self.lin_rbf = Linear(num_radial, hidden_channels)
        self.lin_out = Linear(hidden_channels, out_channels)

    def forward(self, dist):
        rbf = self.rbf(dist)
        return self.lin_out(torch.nn.functional.silu(self.lin_rbf(rbf))).sum()


model = DimeNet(hidden_channels=5, out_channels=3, num_radial=4)
dist = torch.rand(10) * 4.0 + 0.5
out = model(dist)
out.backward()
assert model.rbf.freq.grad is not None
