# case: HTC-style FusedSemanticHead built from a registry config: the fusion level's lateral ConvModule ends in a ReLU (built in another module, `inplace=False` here), and the other levels are added into its output with `x += self.lateral_convs[i](feat)`; ReluBackward saved that output
# source: https://github.com/open-mmlab/mmdetection/issues/654
import torch
import torch.nn.functional as F

import mmdet_lite.heads  # noqa: F401  (registers the heads)
from mmdet_lite.registry import build_head

torch.manual_seed(0)
head = build_head(dict(type="FusedSemanticHead", num_ins=3, fusion_level=1, in_channels=4, conv_out_channels=4))
feats = [torch.randn(2, 4, 8, 8), torch.randn(2, 4, 4, 4), torch.randn(2, 4, 2, 2)]
mask_pred, semantic_feat = head(feats)
labels = torch.randint(0, 3, (2, 4, 4))
loss = F.cross_entropy(mask_pred, labels)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
