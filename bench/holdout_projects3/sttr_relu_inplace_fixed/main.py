# case: the fix (commit 44703b0): `_relu_inplace` now makes the backbone's nn.ReLU modules in place; each follows a BatchNorm, whose output nothing saved
# source: https://github.com/mli0603/stereo-transformer/issues/61
import torch

from module.sttr import STTR

torch.manual_seed(0)
model = STTR()
out = model(torch.randn(2, 3, 8, 8))
out.mean().backward()
