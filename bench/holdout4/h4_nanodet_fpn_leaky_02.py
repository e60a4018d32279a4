# case: NanoDet FPN with LeakyReLU laterals after the PR: the top-down merge becomes `laterals[i - 1] = laterals[i - 1] + F.interpolate(...)`; the in-place LeakyReLUs only follow BatchNorm and training runs cleanly
# source: https://github.com/RangiLyu/nanodet/pull/493
import torch
import torch.nn as nn
import torch.nn.functional as F


def act_layers(name):
    if name == "LeakyReLU":
        return nn.LeakyReLU(negative_slope=0.1, inplace=True)
    return nn.ReLU(inplace=True)


class ConvModule(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 norm_cfg=None, activation="ReLU", inplace=True):
        super(ConvModule, self).__init__()
        self.activation = activation
        self.inplace = inplace
        self.with_norm = norm_cfg is not None
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride,
                              padding=padding, bias=not self.with_norm)
        if self.with_norm:
            self.bn = nn.BatchNorm2d(out_channels)
        if self.activation:
            self.act = act_layers(self.activation)

    def forward(self, x):
        x = self.conv(x)
        if self.with_norm:
            x = self.bn(x)
        if self.activation:
            x = self.act(x)
        return x


class FPN(nn.Module):
    def __init__(self, in_channels, out_channels, num_outs, start_level=0,
                 norm_cfg=None, activation=None):
        super(FPN, self).__init__()
        self.in_channels = in_channels
        self.start_level = start_level
        self.backbone_end_level = len(in_channels)
        self.lateral_convs = nn.ModuleList()
        for i in range(self.start_level, self.backbone_end_level):
            l_conv = ConvModule(in_channels[i], out_channels, 1, norm_cfg=norm_cfg,
                                activation=activation, inplace=False)
            self.lateral_convs.append(l_conv)

    def forward(self, inputs):
        laterals = [
            lateral_conv(inputs[i + self.start_level])
            for i, lateral_conv in enumerate(self.lateral_convs)
        ]
        used_backbone_levels = len(laterals)
        for i in range(used_backbone_levels - 1, 0, -1):
            laterals[i - 1] = laterals[i - 1] + F.interpolate(
                laterals[i], scale_factor=2, mode="bilinear"
            )
        outs = [laterals[i] for i in range(used_backbone_levels)]
        return tuple(outs)


class TinyBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = ConvModule(3, 8, 3, 2, 1, norm_cfg=dict(type="BN"), activation="LeakyReLU")
        self.stage2 = ConvModule(8, 16, 3, 2, 1, norm_cfg=dict(type="BN"), activation="LeakyReLU")
        self.stage3 = ConvModule(16, 24, 3, 2, 1, norm_cfg=dict(type="BN"), activation="LeakyReLU")
        self.stage4 = ConvModule(24, 32, 3, 2, 1, norm_cfg=dict(type="BN"), activation="LeakyReLU")

    def forward(self, x):
        x = self.stem(x)
        c2 = self.stage2(x)
        c3 = self.stage3(c2)
        c4 = self.stage4(c3)
        return c2, c3, c4


class NanoDet(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = TinyBackbone()
        self.fpn = FPN([16, 24, 32], 12, 3, norm_cfg=dict(type="BN"), activation="LeakyReLU")
        self.head = nn.ModuleList([nn.Conv2d(12, 5, 1) for _ in range(3)])

    def forward(self, x):
        feats = self.fpn(self.backbone(x))
        return [head(f) for head, f in zip(self.head, feats)]


model = NanoDet()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
img = torch.randn(2, 3, 32, 32)
for it in range(2):
    preds = model(img)
    loss = sum(p.pow(2).mean() for p in preds)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
