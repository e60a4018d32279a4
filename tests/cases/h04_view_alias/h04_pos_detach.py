# case: y.detach() shares the version counter: detach().mul_(2) still invalidates the saved output
import torch

x = torch.randn(3, requires_grad=True)
y = x.sigmoid()  # saver
y.detach().mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
