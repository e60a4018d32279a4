# case: nn_utils/norm.py does `from .ops import *` (ops has __all__); add_eps_ adds eps in place to a sqrt output
import torch

from nn_utils.norm import SimpleNorm

torch.manual_seed(0)
norm = SimpleNorm(8)
y = norm(torch.randn(2, 8, requires_grad=True))
y.pow(2).sum().backward()  # raises: RuntimeError: modified by an inplace operation
