# case: STTR's `_relu_inplace` as reported: it sets `inplace = True` on the BatchNorm2d modules (an attribute BatchNorm never reads), so the backbone's ReLUs stay out of place
# source: https://github.com/mli0603/stereo-transformer/issues/61
import torch

from module.sttr import STTR

torch.manual_seed(0)
model = STTR()
out = model(torch.randn(2, 3, 8, 8))
out.mean().backward()
