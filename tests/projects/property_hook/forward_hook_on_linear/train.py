# case: hooks.install registers the in-place clamping forward hook on nn.Linear modules (outputs not saved)
import torch

from hooks import install
from model import make_mlp

torch.manual_seed(0)
mlp = make_mlp()
install(mlp)
mlp(torch.randn(3, 5)).sum().backward()
