# case: hooks.install registers a forward hook that clamps module outputs in place; it is installed on nn.Tanh
import torch

from hooks import install
from model import make_mlp

torch.manual_seed(0)
mlp = make_mlp()
install(mlp)
mlp(torch.randn(3, 5)).sum().backward()  # raises: RuntimeError: modified by an inplace operation
