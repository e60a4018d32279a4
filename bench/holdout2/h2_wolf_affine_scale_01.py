# case: Wolf flow coupling (Affine transform): mu, log_scale = params.chunk(2); `log_scale.mul_(0.5).tanh_()` modifies an output of the multi-output chunk in place ("used in-place operations here to save memory")
# source: https://github.com/XuezheMax/wolf/pull/1
from typing import Tuple

import torch
import torch.nn as nn


class Affine:
    def __init__(self, dim, alpha):
        self.dim = dim
        self.alpha = alpha

    def calc_params(self, params):
        mu, log_scale = params.chunk(2, dim=self.dim)
        scale = log_scale.mul_(0.5).tanh_().mul(self.alpha).add(1.0)  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
        return mu, scale

    @staticmethod
    def fwd(z: torch.Tensor, params) -> Tuple[torch.Tensor, torch.Tensor]:
        mu, scale = params
        z = scale * z + mu
        logdet = scale.log().view(z.size(0), -1).sum(dim=1)
        return z, logdet


class NICE(nn.Module):
    # coupling layer: the first half conditions an affine transform of the second half
    def __init__(self, features, hidden=16, alpha=1.0):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(features // 2, hidden), nn.ELU(), nn.Linear(hidden, features))
        self.transform = Affine(dim=1, alpha=alpha)

    def forward(self, input):
        z1, z2 = input.chunk(2, dim=1)
        params = self.transform.calc_params(self.net(z1))
        z2, logdet = self.transform.fwd(z2, params)
        return torch.cat([z1, z2], dim=1), logdet


torch.manual_seed(0)
flow = NICE(features=6)
x = torch.randn(5, 6)
z, logdet = flow(x)
nll = (0.5 * z.pow(2).sum(dim=1) - logdet).mean()
nll.backward()
