# case: fix of the SCNN lane-detection step as merged in pull request #139: SpatialConv builds the list of row/column slices, computes every updated slice out of place from the previously updated one (output[s] + relu(conv(previous))) and concatenates them with torch.cat, so no tensor saved by a convolution or by the reducer's ReLU is written afterwards and training runs
# source: https://github.com/voldemortX/pytorch-auto-drive/pull/139
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

    def build_slice(self, vertical, reverse, shape):
        slices = []
        if vertical:  # h
            concat_dim = 2
            for i in range(shape[concat_dim]):
                slices.append((slice(None), slice(None), slice(i, i + 1), slice(None)))
        else:  # w
            concat_dim = 3
            for i in range(shape[concat_dim]):
                slices.append((slice(None), slice(None), slice(None), slice(i, i + 1)))
        if reverse:
            slices = slices[::-1]
        return slices, concat_dim

    def non_inplace_forward(self, input):
        output = input
        vertical = [True, True, False, False]
        reverse = [False, True, False, True]
        convs = [self.conv_d, self.conv_u, self.conv_r, self.conv_l]
        for ver, rev, conv in zip(vertical, reverse, convs):
            slices, dim = self.build_slice(ver, rev, input.shape)
            output_slices = []
            for idx, s in enumerate(slices):
                # the condition keeps the first (and, going back, the last) slice unchanged
                if (rev is False and idx > 0) or (rev is True and 0 < idx < len(slices) - 1):
                    output_slices.append(output[s] + F.relu(conv(output_slices[-1])))
                else:
                    output_slices.append(output[s])
            if rev:
                output_slices = output_slices[::-1]
            output = torch.cat(output_slices, dim=dim)
        return output

    def forward(self, input):
        return self.non_inplace_forward(input)


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
    loss.backward()
    optimizer.step()
    print(step, loss.item())
