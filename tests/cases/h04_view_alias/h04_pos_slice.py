# case: in-place on a slice y[:2] of a saved exp output
import torch

x = torch.randn(4, requires_grad=True)
y = x.exp()  # saver
y[:2].mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
