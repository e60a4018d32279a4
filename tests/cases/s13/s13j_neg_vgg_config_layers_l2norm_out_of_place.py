# case: SSD-style VGG trunk built from a 17-entry config list and run by index up to an in-place ReLU; L2Norm divides that output out of place (`x = x / norm`), so what the ReLU and `x.pow(2)` saved is untouched
import torch
import torch.nn as nn

torch.manual_seed(0)

CFG = [4, 4, "M", 8, 8, "M", 8, 8, 8, "M", 16, 16, 16, "M", 16, 16, 16]


def make_layers(cfg, in_channels=3):
    layers = []
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            layers += [nn.Conv2d(in_channels, v, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
            in_channels = v
    return layers + [nn.Conv2d(16, 16, kernel_size=1), nn.ReLU(inplace=True)]


class L2Norm(nn.Module):
    def __init__(self, channels, scale):
        super().__init__()
        self.weight = nn.Parameter(torch.full((channels,), float(scale)))

    def forward(self, x):
        norm = x.pow(2).sum(1, keepdim=True).sqrt() + 1e-10
        x = x / norm
        return self.weight.view(1, -1, 1, 1) * x


class Trunk(nn.Module):
    def __init__(self):
        super().__init__()
        self.vgg = nn.ModuleList(make_layers(CFG))
        self.l2norm = L2Norm(16, 20)

    def forward(self, x):
        for k in range(23):  # up to the ReLU after conv4_3
            x = self.vgg[k](x)
        return self.l2norm(x)


net = Trunk()
out = net(torch.randn(2, 3, 32, 32))
out.sum().backward()
