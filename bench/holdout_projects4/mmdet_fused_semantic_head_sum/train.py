# case: the summation the thread's second poster uses: the lateral outputs are added out of place (`x = x + ...`), so the lateral ConvModules can even keep their default `ReLU(inplace=True)`, each applied to a fresh conv output
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
loss.backward()
