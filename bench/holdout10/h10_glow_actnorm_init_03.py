# source: https://github.com/rosinality/glow-pytorch/issues/46
# case: a tempting simplification of the data-dependent initialization: `initialize` drops its inner `torch.no_grad()` and `.data` and copies the batch statistics straight into the parameters (`self.loc.copy_(-mean)`); with the first batch also run in grad mode, the copy into the `nn.Parameter` leaf raises before any loss is computed (the scale copy on the next line would raise the same way)
from math import log, pi

import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(0)

logabs = lambda x: torch.log(torch.abs(x))  # noqa: E731


class ActNorm(nn.Module):
    def __init__(self, in_channel):
        super().__init__()
        self.loc = nn.Parameter(torch.zeros(1, in_channel, 1, 1))
        self.scale = nn.Parameter(torch.ones(1, in_channel, 1, 1))
        self.register_buffer("initialized", torch.tensor(0, dtype=torch.uint8))

    def initialize(self, input):
        flatten = input.permute(1, 0, 2, 3).contiguous().view(input.shape[1], -1)
        mean = flatten.mean(1).view(1, -1, 1, 1)
        std = flatten.std(1).view(1, -1, 1, 1)
        self.loc.copy_(-mean)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        self.scale.copy_(1 / (std + 1e-6))  # expect: GG001

    def forward(self, input):
        _, _, height, width = input.shape
        if self.initialized.item() == 0:
            self.initialize(input)
            self.initialized.fill_(1)
        logdet = height * width * torch.sum(logabs(self.scale))
        return self.scale * (input + self.loc), logdet


class InvConv2d(nn.Module):
    def __init__(self, in_channel):
        super().__init__()
        q, _ = torch.linalg.qr(torch.randn(in_channel, in_channel))
        self.weight = nn.Parameter(q.unsqueeze(2).unsqueeze(3))

    def forward(self, input):
        _, _, height, width = input.shape
        out = F.conv2d(input, self.weight)
        logdet = height * width * torch.slogdet(self.weight.squeeze().double())[1].float()
        return out, logdet


class ZeroConv2d(nn.Module):
    def __init__(self, in_channel, out_channel):
        super().__init__()
        self.conv = nn.Conv2d(in_channel, out_channel, 3, padding=0)
        self.conv.weight.data.zero_()
        self.conv.bias.data.zero_()
        self.scale = nn.Parameter(torch.zeros(1, out_channel, 1, 1))

    def forward(self, input):
        out = self.conv(F.pad(input, [1, 1, 1, 1], value=1))
        return out * torch.exp(self.scale * 3)


class AffineCoupling(nn.Module):
    def __init__(self, in_channel, filter_size=16):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(in_channel // 2, filter_size, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(filter_size, filter_size, 1),
            nn.ReLU(inplace=True),
            ZeroConv2d(filter_size, in_channel),
        )

    def forward(self, input):
        in_a, in_b = input.chunk(2, 1)
        log_s, t = self.net(in_a).chunk(2, 1)
        s = torch.sigmoid(log_s + 2)
        out_b = (in_b + t) * s
        logdet = torch.sum(torch.log(s).view(input.shape[0], -1), 1)
        return torch.cat([in_a, out_b], 1), logdet


class Flow(nn.Module):
    def __init__(self, in_channel):
        super().__init__()
        self.actnorm = ActNorm(in_channel)
        self.invconv = InvConv2d(in_channel)
        self.coupling = AffineCoupling(in_channel)

    def forward(self, input):
        out, logdet = self.actnorm(input)
        out, det1 = self.invconv(out)
        out, det2 = self.coupling(out)
        return out, logdet + det1 + det2


def gaussian_log_p(x, mean, log_sd):
    return -0.5 * log(2 * pi) - log_sd - 0.5 * (x - mean) ** 2 / torch.exp(2 * log_sd)


class Glow(nn.Module):
    def __init__(self, in_channel=1, n_flow=2):
        super().__init__()
        self.flows = nn.ModuleList([Flow(in_channel * 4) for _ in range(n_flow)])
        self.prior = ZeroConv2d(in_channel * 4, in_channel * 8)

    def forward(self, input):
        b, c, h, w = input.shape
        out = input.view(b, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4).contiguous().view(b, c * 4, h // 2, w // 2)
        logdet = 0
        for flow in self.flows:
            out, det = flow(out)
            logdet = logdet + det
        mean, log_sd = self.prior(torch.zeros_like(out)).chunk(2, 1)
        log_p = gaussian_log_p(out, mean, log_sd).view(b, -1).sum(1)
        return log_p, logdet


def calc_loss(log_p, logdet, image_size, n_bins):
    n_pixel = image_size * image_size
    loss = -log(n_bins) * n_pixel + logdet + log_p
    return (-loss / (log(2) * n_pixel)).mean()


n_bins = 2.0**5
model = Glow()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

for i in range(3):
    image = torch.rand(4, 1, 8, 8) - 0.5
    log_p, logdet = model(image + torch.rand_like(image) / n_bins)
    loss = calc_loss(log_p, logdet.mean(), 8, n_bins)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(i, round(loss.item(), 4))
