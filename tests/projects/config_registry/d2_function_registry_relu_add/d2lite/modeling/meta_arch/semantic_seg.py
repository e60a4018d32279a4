import torch.nn.functional as F
from torch import nn

from ...utils.registry import Registry
from ..backbone import build_backbone
from .build import META_ARCH_REGISTRY

SEM_SEG_HEADS_REGISTRY = Registry("SEM_SEG_HEADS")


class SemSegFPNHead(nn.Module):
    """Fuses the stem and res3 features (res3 upsampled onto the stem's grid) into per-pixel logits."""

    def __init__(self, cfg):
        super().__init__()
        res = cfg["MODEL"]["RESNETS"]
        self.lateral = nn.Conv2d(res["RES3_OUT_CHANNELS"], res["STEM_OUT_CHANNELS"], 1)
        self.predictor = nn.Conv2d(res["STEM_OUT_CHANNELS"], cfg["MODEL"]["SEM_SEG_HEAD"]["NUM_CLASSES"], 1)

    def forward(self, features):
        x = features["stem"]
        x = x + F.interpolate(self.lateral(features["res3"]), scale_factor=2.0, mode="nearest")
        return self.predictor(x)


SEM_SEG_HEADS_REGISTRY.register(SemSegFPNHead)


@META_ARCH_REGISTRY.register()
class SemanticSegmentor(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.backbone = build_backbone(cfg)
        self.sem_seg_head = SEM_SEG_HEADS_REGISTRY.get(cfg["MODEL"]["SEM_SEG_HEAD"]["NAME"])(cfg)

    def forward(self, images, targets):
        logits = self.sem_seg_head(self.backbone(images))
        return F.cross_entropy(logits, targets)
