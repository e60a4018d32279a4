import torch
import torch.nn as nn


class Dis(nn.Module):
    def __init__(self, input_dim, ch=8):
        super().__init__()
        self.model = nn.Sequential(
            nn.Conv2d(input_dim, ch, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ch, ch * 2, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ch * 2, 1, 1),
        )

    def forward(self, x):
        return [self.model(x).view(-1)]


class Dis_content(nn.Module):
    def __init__(self, ch=16):
        super().__init__()
        self.model = nn.Sequential(nn.Conv2d(ch, ch, 3, 1, 1), nn.LeakyReLU(0.2, inplace=True), nn.AdaptiveAvgPool2d(1), nn.Conv2d(ch, 1, 1))

    def forward(self, x):
        return [self.model(x).view(-1)]


class E_content(nn.Module):
    def __init__(self, input_dim_a, input_dim_b, ch=16):
        super().__init__()
        self.convA = nn.Sequential(nn.Conv2d(input_dim_a, ch, 3, 2, 1), nn.ReLU(inplace=True), nn.Conv2d(ch, ch, 3, 1, 1), nn.InstanceNorm2d(ch), nn.ReLU(inplace=True))
        self.convB = nn.Sequential(nn.Conv2d(input_dim_b, ch, 3, 2, 1), nn.ReLU(inplace=True), nn.Conv2d(ch, ch, 3, 1, 1), nn.InstanceNorm2d(ch), nn.ReLU(inplace=True))
        self.conv_share = nn.Sequential(nn.Conv2d(ch, ch, 3, 1, 1), nn.InstanceNorm2d(ch), nn.ReLU(inplace=True))

    def forward(self, xa, xb):
        return self.conv_share(self.convA(xa)), self.conv_share(self.convB(xb))


class E_attr(nn.Module):
    def __init__(self, input_dim_a, input_dim_b, output_nc=8, ch=8):
        super().__init__()
        self.model_a = nn.Sequential(nn.Conv2d(input_dim_a, ch, 4, 2, 1), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1), nn.Conv2d(ch, output_nc, 1))
        self.model_b = nn.Sequential(nn.Conv2d(input_dim_b, ch, 4, 2, 1), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1), nn.Conv2d(ch, output_nc, 1))

    def forward(self, xa, xb):
        return self.model_a(xa).view(xa.size(0), -1), self.model_b(xb).view(xb.size(0), -1)


class G(nn.Module):
    def __init__(self, output_dim_a, output_dim_b, nz, ch=16):
        super().__init__()
        self.nz = nz
        self.mlpA = nn.Linear(nz, ch)
        self.mlpB = nn.Linear(nz, ch)
        self.decA = nn.Sequential(nn.ConvTranspose2d(ch, ch, 4, 2, 1), nn.ReLU(inplace=True), nn.Conv2d(ch, output_dim_a, 3, 1, 1), nn.Tanh())
        self.decB = nn.Sequential(nn.ConvTranspose2d(ch, ch, 4, 2, 1), nn.ReLU(inplace=True), nn.Conv2d(ch, output_dim_b, 3, 1, 1), nn.Tanh())

    def forward_a(self, x, z):
        return self.decA(x + self.mlpA(z)[:, :, None, None])

    def forward_b(self, x, z):
        return self.decB(x + self.mlpB(z)[:, :, None, None])


def gaussian_weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1 and classname.find("Conv") == 0:
        m.weight.data.normal_(0.0, 0.02)
