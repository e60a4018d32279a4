import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import ConvBNReLU, norm_layer


class EMAU(nn.Module):
    """Expectation-Maximization Attention Unit: bases mu are a buffer updated by the training loop."""

    def __init__(self, c, k, stage_num=3):
        super().__init__()
        self.stage_num = stage_num
        mu = torch.Tensor(1, c, k)
        mu.normal_(0, math.sqrt(2.0 / k))
        mu = self._l2norm(mu, dim=1)
        self.register_buffer("mu", mu)
        self.conv1 = nn.Conv2d(c, c, 1)
        self.conv2 = nn.Sequential(nn.Conv2d(c, c, 1, bias=False), norm_layer(c))

    def forward(self, x):
        idn = x
        x = self.conv1(x)
        b, c, h, w = x.size()
        x = x.view(b, c, h * w)
        mu = self.mu.expand(x.size(0), -1, -1)  # b * c * k, a view of the buffer
        with torch.no_grad():
            for i in range(self.stage_num):
                x_t = x.permute(0, 2, 1)
                z = F.softmax(torch.bmm(x_t, mu), dim=2)
                z_ = z / (1e-6 + z.sum(dim=1, keepdim=True))
                mu = self._l2norm(torch.bmm(x, z_), dim=1)
        # final E-step with grad, so that conv1 is trained through the responsibilities
        z = F.softmax(torch.bmm(x.permute(0, 2, 1), mu), dim=2)  # saver
        x = mu.matmul(z.permute(0, 2, 1))
        x = F.relu(x.view(b, c, h, w), inplace=True)
        x = self.conv2(x)
        x = F.relu(x + idn, inplace=True)
        return x, mu

    def _l2norm(self, inp, dim):
        return inp / (1e-6 + inp.norm(dim=dim, keepdim=True))


__all__ = ["EMAU", "ConvBNReLU"]
