# case: expand without real broadcasting (size-1 dim added) is a view; in-place through it bumps y
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()  # saver
y.expand(1, 3).add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
