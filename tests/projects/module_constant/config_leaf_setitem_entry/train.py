# case: train.py writes into a module-level leaf from config.py (`SCALE[0] = ...`) while grad mode is on
import torch

from config import SCALE

torch.manual_seed(0)
x = torch.randn(5, 3)
(x * SCALE).sum().backward()
SCALE[0] = 2.0  # expect: GG001 # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
print(SCALE)
