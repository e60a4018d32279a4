# case: LayerScale residual: `h * gamma` saves h, then blocks.DropPath (nn.Dropout(inplace=True)) rewrites h
import torch

from model import ResidualMLP

torch.manual_seed(0)
model = ResidualMLP(8)
model.train()
out = model(torch.randn(3, 8))
out.norm().backward()  # raises: RuntimeError: modified by an inplace operation
