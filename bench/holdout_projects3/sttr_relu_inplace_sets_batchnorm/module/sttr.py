import torch
import torch.nn as nn

from .feat_extractor_backbone import SppBackbone


class STTR(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = SppBackbone()
        self.head = nn.Conv2d(16, 1, 1)
        self._relu_inplace()

    def _relu_inplace(self):
        """
        make all ReLU inplace
        """
        for m in self.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.inplace = True

    def forward(self, x):
        feats = self.backbone(x)
        return self.head(torch.cat(feats, 1))
