# source: https://github.com/jarek-pawlowski/microbial-dataset-generation/pull/1
# case: style-transfer HRNet: BasicBlock's identity_block is an nn.Sequential ending in nn.ReLU(), and forward adds the residual into that ReLU output in place (`out += residual`); ReluBackward saved the output, so total_loss.backward() fails
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
IN_MOMENTUM = 0.1


class ConvLayer(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super().__init__()
        conv_padding = int(np.floor(kernel_size / 2))
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding=conv_padding)

    def forward(self, x):
        return self.conv(x)


class BasicBlock(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super().__init__()
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.relu = nn.ReLU(inplace=True)
        self.identity_block = nn.Sequential(
            ConvLayer(in_channels, out_channels // 4, kernel_size=1, stride=1),
            nn.InstanceNorm2d(out_channels // 4, momentum=IN_MOMENTUM),
            nn.ReLU(),
            ConvLayer(out_channels // 4, out_channels, kernel_size=1, stride=1),
            nn.InstanceNorm2d(out_channels, momentum=IN_MOMENTUM),
            nn.ReLU(),
        )
        self.shortcut = nn.Sequential(ConvLayer(in_channels, out_channels, 1, stride), nn.InstanceNorm2d(out_channels))

    def forward(self, x):
        out = self.identity_block(x)  # saver
        if self.in_channels == self.out_channels:
            residual = x
        else:
            residual = self.shortcut(x)
        out += residual  # expect: GG002
        out = self.relu(out)
        return out


class HRNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.pass1_1 = BasicBlock(3, 8, kernel_size=3, stride=1)
        self.pass1_2 = BasicBlock(8, 8, kernel_size=3, stride=1)
        self.pass1_8 = nn.Conv2d(8, 3, kernel_size=3, stride=1, padding=1)

    def forward(self, x):
        return self.pass1_8(self.pass1_2(self.pass1_1(x)))


def gram_matrix(t):
    b, c, h, w = t.shape
    f = t.view(c, h * w)
    return f @ f.t()


features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 4, 3, padding=1))
for p in features.parameters():
    p.requires_grad_(False)

content_image = torch.rand(1, 3, 8, 8)
style_image = torch.rand(1, 3, 8, 8)
style_net = HRNet()
optimizer = torch.optim.Adam(style_net.parameters(), lr=5e-3)
style_gram = gram_matrix(features(style_image))
content_features = features(content_image)
content_weight, style_weight = 150, 1

for epoch in range(2):
    target = style_net(content_image)
    target_feature = features(target)
    content_loss = torch.mean((target_feature - content_features) ** 2)
    style_loss = 0
    layer_style_loss = torch.mean((gram_matrix(target_feature) - style_gram) ** 2)
    b, c, h, w = target_feature.shape
    style_loss += layer_style_loss / (c * h * w)
    total_loss = content_weight * content_loss + style_weight * style_loss
    optimizer.zero_grad()
    total_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
