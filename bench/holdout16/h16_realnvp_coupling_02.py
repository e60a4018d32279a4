# case: variant written for the set: the Real NVP checkerboard coupling with its masks applied in place, s *= (1 - b) and t *= (1 - b); t is the second output of st.chunk(2, dim=1), a multi-output view, so the in-place masking of the translation fails in the forward
# source: https://github.com/chrischute/real-nvp/blob/df51ad570baf681e77df4d2265c0f1eb1b5b646c/models/real_nvp/coupling_layer.py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

IN_CHANNELS = 3
MID_CHANNELS = 8
NUM_BLOCKS = 1
IMAGE_SIZE = 8


class WNConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, padding, bias=True):
        super().__init__()
        self.conv = nn.utils.weight_norm(nn.Conv2d(in_channels, out_channels, kernel_size, padding=padding, bias=bias))

    def forward(self, x):
        return self.conv(x)


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.in_norm = nn.BatchNorm2d(in_channels)
        self.in_conv = WNConv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False)
        self.out_norm = nn.BatchNorm2d(out_channels)
        self.out_conv = WNConv2d(out_channels, out_channels, kernel_size=3, padding=1, bias=True)

    def forward(self, x):
        skip = x
        x = self.in_conv(F.relu(self.in_norm(x)))
        x = self.out_conv(F.relu(self.out_norm(x)))
        return x + skip


class ResNet(nn.Module):
    def __init__(self, in_channels, mid_channels, out_channels, num_blocks, kernel_size, padding, double_after_norm):
        super().__init__()
        self.in_norm = nn.BatchNorm2d(in_channels)
        self.double_after_norm = double_after_norm
        self.in_conv = WNConv2d(2 * in_channels, mid_channels, kernel_size, padding, bias=True)
        self.in_skip = WNConv2d(mid_channels, mid_channels, kernel_size=1, padding=0, bias=True)
        self.blocks = nn.ModuleList([ResidualBlock(mid_channels, mid_channels) for _ in range(num_blocks)])
        self.skips = nn.ModuleList(
            [WNConv2d(mid_channels, mid_channels, kernel_size=1, padding=0, bias=True) for _ in range(num_blocks)]
        )
        self.out_norm = nn.BatchNorm2d(mid_channels)
        self.out_conv = WNConv2d(mid_channels, out_channels, kernel_size=1, padding=0, bias=True)

    def forward(self, x):
        x = self.in_norm(x)
        if self.double_after_norm:
            x *= 2.0
        x = torch.cat((x, -x), dim=1)
        x = F.relu(x)
        x = self.in_conv(x)
        x_skip = self.in_skip(x)
        for block, skip in zip(self.blocks, self.skips):
            x = block(x)
            x_skip += skip(x)
        x = self.out_norm(x_skip)
        x = F.relu(x)
        return self.out_conv(x)


class Rescale(nn.Module):
    def __init__(self, num_channels):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(num_channels, 1, 1))

    def forward(self, x):
        return self.weight * x


def checkerboard_mask(height, width, reverse=False):
    checkerboard = [[((i % 2) + j) % 2 for j in range(width)] for i in range(height)]
    mask = torch.tensor(checkerboard, dtype=torch.float32, requires_grad=False)
    if reverse:
        mask = 1 - mask
    return mask.view(1, 1, height, width)


class CouplingLayer(nn.Module):
    def __init__(self, in_channels, mid_channels, num_blocks, reverse_mask):
        super().__init__()
        self.reverse_mask = reverse_mask
        self.st_net = ResNet(in_channels, mid_channels, 2 * in_channels, num_blocks, 3, 1, double_after_norm=True)
        self.rescale = nn.utils.weight_norm(Rescale(in_channels))

    def forward(self, x, sldj=None, reverse=False):
        b = checkerboard_mask(x.size(2), x.size(3), self.reverse_mask)
        x_b = x * b
        st = self.st_net(x_b)
        s, t = st.chunk(2, dim=1)
        s = self.rescale(torch.tanh(s))
        s *= 1 - b
        t *= 1 - b  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
        if reverse:
            inv_exp_s = s.mul(-1).exp()
            x = x * inv_exp_s - t
        else:
            exp_s = s.exp()
            if torch.isnan(exp_s).any():
                raise RuntimeError("Scale factor has NaN entries")
            x = (x + t) * exp_s
            sldj += s.view(s.size(0), -1).sum(-1)
        return x, sldj


class RealNVP(nn.Module):
    def __init__(self, in_channels=3, mid_channels=64, num_blocks=8):
        super().__init__()
        self.register_buffer("data_constraint", torch.tensor([0.9], dtype=torch.float32))
        self.flows = nn.ModuleList(
            [CouplingLayer(in_channels, mid_channels, num_blocks, reverse_mask=bool(i % 2)) for i in range(3)]
        )

    def forward(self, x, reverse=False):
        sldj = None
        if not reverse:
            if x.min() < 0 or x.max() > 1:
                raise ValueError(f"Expected x in [0, 1], got x with min/max {x.min()}/{x.max()}")
            x, sldj = self._pre_process(x)
        for flow in self.flows:
            x, sldj = flow(x, sldj, reverse)
        return x, sldj

    def _pre_process(self, x):
        y = (x * 255.0 + torch.rand_like(x)) / 256.0
        y = (2 * y - 1) * self.data_constraint
        y = (y + 1) / 2
        y = y.log() - (1.0 - y).log()
        ldj = F.softplus(y) + F.softplus(-y) - F.softplus((1.0 - self.data_constraint).log() - self.data_constraint.log())
        sldj = ldj.view(ldj.size(0), -1).sum(-1)
        return y, sldj


class RealNVPLoss(nn.Module):
    def __init__(self, k=256):
        super().__init__()
        self.k = k

    def forward(self, z, sldj):
        prior_ll = -0.5 * (z**2 + np.log(2 * np.pi))
        prior_ll = prior_ll.view(z.size(0), -1).sum(-1) - np.log(self.k) * np.prod(z.size()[1:])
        return -(prior_ll + sldj).mean()


net = RealNVP(in_channels=IN_CHANNELS, mid_channels=MID_CHANNELS, num_blocks=NUM_BLOCKS)
loss_fn = RealNVPLoss()
param_groups = [
    {"name": "normalized", "params": [p for n, p in net.named_parameters() if n.endswith("weight_g")], "weight_decay": 5e-5},
    {"name": "unnormalized", "params": [p for n, p in net.named_parameters() if not n.endswith("weight_g")]},
]
optimizer = torch.optim.Adam(param_groups, lr=1e-3)
net.train()
for epoch in range(2):
    x = torch.rand(4, IN_CHANNELS, IMAGE_SIZE, IMAGE_SIZE)
    optimizer.zero_grad()
    z, sldj = net(x, reverse=False)
    loss = loss_fn(z, sldj)
    loss.backward()
    nn.utils.clip_grad_norm_(net.parameters(), 100.0)
    optimizer.step()
    print(epoch, loss.item())
