# case: F.relu(x, inplace=True) applied directly to a leaf input
import torch
import torch.nn.functional as F

x = torch.randn(3, requires_grad=True)
y = F.relu(x, inplace=True)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
