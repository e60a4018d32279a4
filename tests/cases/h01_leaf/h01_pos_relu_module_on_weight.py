# case: an nn.ReLU(inplace=True) module called on a parameter (leaf)
import torch.nn as nn

lin = nn.Linear(3, 3)
nn.ReLU(inplace=True)(lin.weight)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
