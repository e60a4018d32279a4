# case: train.py writes into the module-level leaf config.SCALE under torch.no_grad()
import torch

from config import SCALE

torch.manual_seed(0)
x = torch.randn(5, 3)
(x * SCALE).sum().backward()
with torch.no_grad():
    SCALE[0] = 2.0
print(SCALE)
