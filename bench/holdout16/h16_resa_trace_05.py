# case: look-alike from the same RESA module: the export branch that pytorch-auto-drive runs when tracing for ONNX/TensorRT (enabled here by the trace_arg config), where each shift is a torch.cat of two slices and the aggregation is y = y.add(...), out of place; the reducer's ReLU output is only read, so training through that branch runs
# source: https://github.com/voldemortX/pytorch-auto-drive/pull/139
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

CFG = dict(
    num_classes=3,
    in_channels=16,
    reduce=8,
    iteration=2,
    alpha=2.0,
    input_size=(32, 64),
    trace_arg={"h": 32, "w": 64},
    os=4,
    lr=0.01,
    momentum=0.9,
    epochs=2,
    batch_size=2,
)


class TinyBackbone(nn.Module):
    # stand-in for the ResNet trunk: two stride-2 stages and a dilated one
    def __init__(self, out_channels):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(8),
            nn.ReLU(inplace=True),
        )
        self.layer = nn.Sequential(
            nn.Conv2d(8, out_channels, 3, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=2, dilation=2, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.layer(self.stem(x))


class RESAReducer(nn.Module):
    def __init__(self, in_channels=512, reduce=128, bn_relu=True):
        super().__init__()
        self.bn_relu = bn_relu
        self.conv1 = nn.Conv2d(in_channels, reduce, 1, bias=False)
        if self.bn_relu:
            self.bn1 = nn.BatchNorm2d(reduce)

    def forward(self, x):
        x = self.conv1(x)
        if self.bn_relu:
            x = self.bn1(x)
            x = F.relu(x)
        return x


class RESA(nn.Module):
    # REcurrent Feature-Shift Aggregator
    def __init__(self, num_channels=128, iteration=5, alpha=2.0, trace_arg=None, os=8):
        super().__init__()
        self.iteration = iteration
        self.alpha = alpha
        self.conv_d = nn.ModuleList(
            nn.Conv2d(num_channels, num_channels, (1, 9), padding=(0, 4), bias=False)
            for _ in range(iteration)
        )
        self.conv_u = nn.ModuleList(
            nn.Conv2d(num_channels, num_channels, (1, 9), padding=(0, 4), bias=False)
            for _ in range(iteration)
        )
        self.conv_r = nn.ModuleList(
            nn.Conv2d(num_channels, num_channels, (9, 1), padding=(4, 0), bias=False)
            for _ in range(iteration)
        )
        self.conv_l = nn.ModuleList(
            nn.Conv2d(num_channels, num_channels, (9, 1), padding=(4, 0), bias=False)
            for _ in range(iteration)
        )
        bound = math.sqrt(2.0 / (num_channels * 9 * 5))
        for convs in (self.conv_d, self.conv_u, self.conv_r, self.conv_l):
            for conv in convs:
                nn.init.uniform_(conv.weight, -bound, bound)
        self.offset_h = []
        self.offset_w = []
        if trace_arg is not None:  # pre-computed offsets for the TensorRT-friendly implementation
            h = (trace_arg["h"] - 1) // os + 1
            w = (trace_arg["w"] - 1) // os + 1
            for i in range(self.iteration):
                self.offset_h.append(h // 2 ** (self.iteration - i))
                self.offset_w.append(w // 2 ** (self.iteration - i))

    def forward(self, x):
        y = x
        h, w = y.shape[-2:]
        # Down
        for i in range(self.iteration):
            temp = torch.cat([y[:, :, self.offset_h[i] :, :], y[:, :, : self.offset_h[i], :]], dim=-2)
            y = y.add(self.alpha * F.relu(self.conv_d[i](temp)))
        # Up
        for i in range(self.iteration):
            temp = torch.cat([y[:, :, (h - self.offset_h[i]) :, :], y[:, :, : (h - self.offset_h[i]), :]], dim=-2)
            y = y.add(self.alpha * F.relu(self.conv_u[i](temp)))
        # Right
        for i in range(self.iteration):
            temp = torch.cat([y[:, :, :, self.offset_w[i] :], y[:, :, :, : self.offset_w[i]]], dim=-1)
            y = y.add(self.alpha * F.relu(self.conv_r[i](temp)))
        # Left
        for i in range(self.iteration):
            temp = torch.cat([y[:, :, :, (w - self.offset_w[i]) :], y[:, :, :, : (w - self.offset_w[i])]], dim=-1)
            y = y.add(self.alpha * F.relu(self.conv_l[i](temp)))
        return y


class BUSD(nn.Module):
    # bilateral up-sampling decoder, shrunk to one bilinear step and a classifier
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, num_classes, 1)

    def forward(self, x, size):
        return F.interpolate(self.conv(x), size=size, mode="bilinear", align_corners=True)


class RESANet(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.backbone = TinyBackbone(cfg["in_channels"])
        self.reducer = RESAReducer(cfg["in_channels"], cfg["reduce"])
        self.spatial_conv = RESA(
            cfg["reduce"], cfg["iteration"], cfg["alpha"], trace_arg=cfg["trace_arg"], os=cfg["os"]
        )
        self.decoder = BUSD(cfg["reduce"], cfg["num_classes"])
        self.lane_classifier = nn.Sequential(nn.Linear(cfg["reduce"], cfg["num_classes"] - 1))

    def forward(self, x):
        size = x.shape[-2:]
        feats = self.reducer(self.backbone(x))
        feats = self.spatial_conv(feats)
        seg = self.decoder(feats, size)
        exist = self.lane_classifier(feats.mean(dim=(2, 3)))
        return {"out": seg, "lane": exist}


def train(cfg):
    net = RESANet(cfg)
    optimizer = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=cfg["momentum"])
    seg_criterion = nn.CrossEntropyLoss(weight=torch.tensor([0.4, 1.0, 1.0]))
    exist_criterion = nn.BCEWithLogitsLoss()
    h, w = cfg["input_size"]
    net.train()
    for epoch in range(cfg["epochs"]):
        images = torch.randn(cfg["batch_size"], 3, h, w)
        labels = torch.randint(0, cfg["num_classes"], (cfg["batch_size"], h, w))
        existence = (torch.rand(cfg["batch_size"], cfg["num_classes"] - 1) > 0.5).float()
        optimizer.zero_grad()
        outputs = net(images)
        loss = seg_criterion(outputs["out"], labels) + 0.1 * exist_criterion(
            outputs["lane"], existence
        )
        loss.backward()
        optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


train(CFG)
