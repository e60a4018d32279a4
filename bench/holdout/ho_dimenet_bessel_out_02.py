# case: the merged fix: reset_params fills the parameter under torch.no_grad() (out= and mul_ both inside), then calls requires_grad_(); training runs cleanly
# source: https://github.com/dmlc/dgl/pull/4219
import numpy as np
import torch
import torch.nn as nn


class Envelope(nn.Module):
    def __init__(self, exponent):
        super(Envelope, self).__init__()
        self.p = exponent + 1
        self.a = -(self.p + 1) * (self.p + 2) / 2
        self.b = self.p * (self.p + 2)
        self.c = -self.p * (self.p + 1) / 2

    def forward(self, x):
        p, a, b, c = self.p, self.a, self.b, self.c
        x_pow_p0 = x.pow(p - 1)
        x_pow_p1 = x_pow_p0 * x
        env_val = 1. / x + a * x_pow_p0 * x + b * x_pow_p1 * x + c * x_pow_p1 * x * x
        return env_val


class BesselBasisLayer(nn.Module):
    def __init__(self, num_radial, cutoff, envelope_exponent=5):
        super(BesselBasisLayer, self).__init__()
        self.cutoff = cutoff
        self.envelope = Envelope(envelope_exponent)
        self.frequencies = nn.Parameter(torch.Tensor(num_radial))
        self.reset_params()

    def reset_params(self):
        with torch.no_grad():
            torch.arange(1, self.frequencies.numel() + 1, out=self.frequencies).mul_(np.pi)
        self.frequencies.requires_grad_()

    def forward(self, d):
        d_scaled = d / self.cutoff
        d_scaled = torch.unsqueeze(d_scaled, -1)
        d_cutoff = self.envelope(d_scaled)
        return d_cutoff * torch.sin(self.frequencies * d_scaled)


layer = BesselBasisLayer(num_radial=6, cutoff=5.0)
rbf = layer(torch.rand(10) * 5 + 0.1)
rbf.sum().backward()
