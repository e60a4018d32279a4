import torch.nn as nn
import torch.nn.functional as F

from ..cnn import ConvModule
from ..registry import HEADS


@HEADS.register_module
class FusedSemanticHead(nn.Module):
    def __init__(self, num_ins=3, fusion_level=1, num_convs=2, in_channels=4, conv_out_channels=4, num_classes=3):
        super().__init__()
        self.num_ins = num_ins
        self.fusion_level = fusion_level
        self.lateral_convs = nn.ModuleList(
            [ConvModule(in_channels, conv_out_channels, 1, inplace=False) for _ in range(num_ins)]
        )
        self.convs = nn.ModuleList(
            [ConvModule(conv_out_channels, conv_out_channels, 3, padding=1) for _ in range(num_convs)]
        )
        self.conv_embedding = ConvModule(conv_out_channels, conv_out_channels, 1)
        self.conv_logits = nn.Conv2d(conv_out_channels, num_classes, 1)

    def forward(self, feats):
        x = self.lateral_convs[self.fusion_level](feats[self.fusion_level])
        fused_size = tuple(x.shape[-2:])
        for i, feat in enumerate(feats):
            if i != self.fusion_level:
                feat = F.interpolate(feat, size=fused_size, mode="bilinear", align_corners=True)
                x += self.lateral_convs[i](feat)  # expect: GG002

        for i in range(len(self.convs)):
            x = self.convs[i](x)

        mask_pred = self.conv_logits(x)
        x = self.conv_embedding(x)
        return mask_pred, x
