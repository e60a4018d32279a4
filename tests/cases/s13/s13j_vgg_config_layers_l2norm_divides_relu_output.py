# case: SSD-style VGG trunk: the layers are built from a 17-entry config list (`for v in cfg:`, then `layers + [...]`) into an nn.ModuleList, and forward runs them by index (`for k in range(23): x = self.vgg[k](x)`), ending at an in-place ReLU; L2Norm then divides that ReLU output in place (`x /= norm`), which both the ReLU and L2Norm's own `x.pow(2)` saved for backward
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
        norm = x.pow(2).sum(1, keepdim=True).sqrt() + 1e-10  # saver
        x /= norm  # expect: GG002
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
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
