# case: Glow affine coupling after the "Fixed un-computable gradients" PR: `z2 = z2 + shift` and `z2 = z2 * scale` build a new tensor instead of writing into the slice of z that the coupling net's first conv saved (via z1); training with batch size 1 runs cleanly
# source: https://github.com/chaiyujin/glow-pytorch/issues/2
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def split_feature(tensor, type="split"):
    C = tensor.size(1)
    if type == "split":
        return tensor[:, :C // 2, ...], tensor[:, C // 2:, ...]
    return tensor[:, 0::2, ...], tensor[:, 1::2, ...]


def cat_feature(tensor_a, tensor_b):
    return torch.cat((tensor_a, tensor_b), dim=1)


class ActNorm2d(nn.Module):
    def __init__(self, num_features, scale=1.0):
        super().__init__()
        self.register_parameter("bias", nn.Parameter(torch.zeros(1, num_features, 1, 1)))
        self.register_parameter("logs", nn.Parameter(torch.zeros(1, num_features, 1, 1)))
        self.scale = float(scale)
        self.inited = False

    def initialize_parameters(self, input):
        with torch.no_grad():
            bias = -input.mean(dim=[0, 2, 3], keepdim=True)
            vars = ((input + bias) ** 2).mean(dim=[0, 2, 3], keepdim=True)
            logs = torch.log(self.scale / (torch.sqrt(vars) + 1e-6))
            self.bias.data.copy_(bias.data)
            self.logs.data.copy_(logs.data)
            self.inited = True

    def forward(self, input, logdet=None, reverse=False):
        if not self.inited:
            self.initialize_parameters(input)
        input = (input + self.bias) * torch.exp(self.logs)
        if logdet is not None:
            logdet = logdet + self.logs.sum() * input.size(2) * input.size(3)
        return input, logdet


class Conv2d(nn.Conv2d):
    def __init__(self, in_channels, out_channels, kernel_size=[3, 3]):
        super().__init__(in_channels, out_channels, kernel_size, padding=kernel_size[0] // 2, bias=False)
        self.weight.data.normal_(mean=0.0, std=0.05)
        self.actnorm = ActNorm2d(out_channels)

    def forward(self, input):
        x = super().forward(input)
        x, _ = self.actnorm(x)
        return x


class Conv2dZeros(nn.Conv2d):
    def __init__(self, in_channels, out_channels, logscale_factor=3):
        super().__init__(in_channels, out_channels, 3, padding=1)
        self.logscale_factor = logscale_factor
        self.register_parameter("logs", nn.Parameter(torch.zeros(out_channels, 1, 1)))
        self.weight.data.zero_()
        self.bias.data.zero_()

    def forward(self, input):
        return super().forward(input) * torch.exp(self.logs * self.logscale_factor)


class InvertibleConv1x1(nn.Module):
    def __init__(self, num_channels):
        super().__init__()
        w_init = np.linalg.qr(np.random.randn(num_channels, num_channels))[0].astype(np.float32)
        self.register_parameter("weight", nn.Parameter(torch.Tensor(w_init)))

    def forward(self, input, logdet=None, reverse=False):
        dlogdet = torch.slogdet(self.weight)[1] * input.size(2) * input.size(3)
        weight = self.weight.view(*self.weight.shape, 1, 1)
        z = F.conv2d(input, weight)
        return z, logdet + dlogdet


def f(in_channels, out_channels, hidden_channels):
    return nn.Sequential(
        Conv2d(in_channels, hidden_channels), nn.ReLU(inplace=True),
        Conv2d(hidden_channels, hidden_channels, kernel_size=[1, 1]), nn.ReLU(inplace=True),
        Conv2dZeros(hidden_channels, out_channels))


class FlowStep(nn.Module):
    def __init__(self, in_channels, hidden_channels, flow_coupling="affine"):
        super().__init__()
        self.flow_coupling = flow_coupling
        self.actnorm = ActNorm2d(in_channels)
        self.invconv = InvertibleConv1x1(in_channels)
        self.f = f(in_channels // 2, in_channels, hidden_channels)

    def forward(self, input, logdet):
        # 1. actnorm
        z, logdet = self.actnorm(input, logdet=logdet, reverse=False)
        # 2. permute
        z, logdet = self.invconv(z, logdet, False)
        # 3. coupling
        z1, z2 = split_feature(z, "split")
        if self.flow_coupling == "affine":
            h = self.f(z1)
            shift, scale = split_feature(h, "cross")
            scale = torch.sigmoid(scale + 2.)
            z2 = z2 + shift
            z2 = z2 * scale
            logdet = torch.sum(torch.log(scale), dim=[1, 2, 3]) + logdet
        z = cat_feature(z1, z2)
        return z, logdet


def squeeze2d(input, factor=2):
    B, C, H, W = input.size()
    x = input.view(B, C, H // factor, factor, W // factor, factor)
    x = x.permute(0, 1, 3, 5, 2, 4).contiguous()
    return x.view(B, C * factor * factor, H // factor, W // factor)


class Glow(nn.Module):
    def __init__(self, image_shape=(8, 8, 3), hidden_channels=8, K=2):
        super().__init__()
        H, W, C = image_shape
        self.flows = nn.ModuleList([FlowStep(C * 4, hidden_channels) for _ in range(K)])

    def forward(self, x):
        pixels = x.size(2) * x.size(3)
        z = x + torch.normal(mean=torch.zeros_like(x), std=torch.ones_like(x) * (1. / 256.))
        logdet = torch.zeros_like(x[:, 0, 0, 0])
        logdet += float(-np.log(256.) * pixels)
        z = squeeze2d(z)
        for flow in self.flows:
            z, logdet = flow(z, logdet)
        # standard normal prior
        objective = logdet + (-0.5 * (z ** 2 + math.log(2 * math.pi))).sum(dim=[1, 2, 3])
        return z, (-objective) / float(np.log(2.) * pixels)


torch.manual_seed(0)
np.random.seed(0)
graph = Glow()
optim = torch.optim.Adam(graph.parameters(), lr=1e-3)
x = torch.rand(1, 3, 8, 8)  # batch size 1
z, nll = graph(x)
loss = torch.mean(nll)
optim.zero_grad()
loss.backward()
optim.step()
