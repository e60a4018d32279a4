import torch.nn.functional as F
from torch import nn

from .build import BACKBONE_REGISTRY


class TinyResNet(nn.Module):
    def __init__(self, stem_channels, res3_channels):
        super().__init__()
        self.stem = nn.Conv2d(3, stem_channels, 3, padding=1)
        self.res3 = nn.Conv2d(stem_channels, res3_channels, 3, padding=1, stride=2)

    def forward(self, x):
        stem = F.relu(self.stem(x))
        res3 = F.relu(self.res3(stem))
        return {"stem": stem, "res3": res3}


@BACKBONE_REGISTRY.register()
def build_tiny_resnet_backbone(cfg):
    res = cfg["MODEL"]["RESNETS"]
    return TinyResNet(res["STEM_OUT_CHANNELS"], res["RES3_OUT_CHANNELS"])
