# case: SCNN lane detection (pytorch-auto-drive SpatialConv before the non-inplace refactor): the message passing runs slice by slice and adds each convolved slice into the next one in place (output[:, :, i:i + 1, :].add_(...)); the convolution of the previous slice saved that slice, a view of the same map, so the next add_ bumps the version the convolution's backward expects and training fails at loss.backward()
# source: https://github.com/voldemortX/pytorch-auto-drive/issues/121
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

CONFIG = {
    "num_classes": 3,
    "channels": 8,
    "input_size": (24, 40),
    "lr": 0.02,
    "weight_decay": 1e-4,
    "iterations": 2,
    "batch_size": 2,
}


def conv_bn_relu(in_ch, out_ch, stride=1, dilation=1):
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(out_ch),
        nn.ReLU(inplace=True),
    )


class VGGEncoder(nn.Module):
    # stand-in for the truncated VGG16 of SCNN (pool4 removed, dilated conv5)
    def __init__(self, channels):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn_relu(3, channels, stride=2),
            conv_bn_relu(channels, channels, stride=2),
            conv_bn_relu(channels, channels, dilation=2),
        )

    def forward(self, x):
        return self.features(x)


class SpatialConv(nn.Module):
    # SCNN
    def __init__(self, num_channels=128):
        super().__init__()
        self.conv_d = nn.Conv2d(num_channels, num_channels, (1, 9), padding=(0, 4))
        self.conv_u = nn.Conv2d(num_channels, num_channels, (1, 9), padding=(0, 4))
        self.conv_r = nn.Conv2d(num_channels, num_channels, (9, 1), padding=(4, 0))
        self.conv_l = nn.Conv2d(num_channels, num_channels, (9, 1), padding=(4, 0))
        self._adjust_initializations(num_channels=num_channels)

    def _adjust_initializations(self, num_channels=128):
        bound = math.sqrt(2.0 / (num_channels * 9 * 5))
        nn.init.uniform_(self.conv_d.weight, -bound, bound)
        nn.init.uniform_(self.conv_u.weight, -bound, bound)
        nn.init.uniform_(self.conv_r.weight, -bound, bound)
        nn.init.uniform_(self.conv_l.weight, -bound, bound)

    def forward(self, input):
        output = input
        # Down
        for i in range(1, output.shape[2]):
            output[:, :, i : i + 1, :].add_(F.relu(self.conv_d(output[:, :, i - 1 : i, :])))  # expect: GG002
        # Up
        for i in range(output.shape[2] - 2, 0, -1):
            output[:, :, i : i + 1, :].add_(F.relu(self.conv_u(output[:, :, i + 1 : i + 2, :])))  # expect: GG002
        # Right
        for i in range(1, output.shape[3]):
            output[:, :, :, i : i + 1].add_(F.relu(self.conv_r(output[:, :, :, i - 1 : i])))  # expect: GG002
        # Left
        for i in range(output.shape[3] - 2, 0, -1):
            output[:, :, :, i : i + 1].add_(F.relu(self.conv_l(output[:, :, :, i + 1 : i + 2])))  # expect: GG002  # saver
        return output


class SimpleLaneExist(nn.Module):
    def __init__(self, num_output, channels):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d((2, 4))
        self.linear1 = nn.Linear(channels * 8, 16)
        self.linear2 = nn.Linear(16, num_output)

    def forward(self, x):
        x = F.softmax(x, dim=1)
        x = self.avgpool(x).flatten(1)
        return self.linear2(F.relu(self.linear1(x)))


class SCNNNet(nn.Module):
    def __init__(self, config):
        super().__init__()
        ch = config["channels"]
        self.encoder = VGGEncoder(ch)
        self.reducer = conv_bn_relu(ch, ch)
        self.spatial_conv = SpatialConv(ch)
        self.decoder = nn.Sequential(nn.Dropout2d(0.1), nn.Conv2d(ch, config["num_classes"], 1))
        self.lane_classifier = SimpleLaneExist(config["num_classes"] - 1, config["num_classes"])

    def forward(self, x):
        size = x.shape[-2:]
        x = self.reducer(self.encoder(x))
        x = self.spatial_conv(x)
        x = self.decoder(x)
        lane = self.lane_classifier(x)
        x = F.interpolate(x, size=size, mode="bilinear", align_corners=True)
        return {"out": x, "lane": lane}


class LaneLoss(nn.Module):
    def __init__(self, existence_weight=0.1):
        super().__init__()
        self.existence_weight = existence_weight
        self.ce = nn.CrossEntropyLoss(weight=torch.tensor([0.4, 1.0, 1.0]))
        self.bce = nn.BCEWithLogitsLoss()

    def forward(self, outputs, labels, existence):
        return self.ce(outputs["out"], labels) + self.existence_weight * self.bce(
            outputs["lane"], existence
        )


net = SCNNNet(CONFIG)
criterion = LaneLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=CONFIG["lr"], weight_decay=CONFIG["weight_decay"])
h, w = CONFIG["input_size"]
for step in range(CONFIG["iterations"]):
    images = torch.randn(CONFIG["batch_size"], 3, h, w)
    labels = torch.randint(0, CONFIG["num_classes"], (CONFIG["batch_size"], h, w))
    existence = torch.randint(0, 2, (CONFIG["batch_size"], CONFIG["num_classes"] - 1)).float()
    optimizer.zero_grad()
    loss = criterion(net(images), labels, existence)
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
    print(step, loss.item())
