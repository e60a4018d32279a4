# case: narrow returns a view; fill_ on it modifies the saved exp output
import torch

x = torch.randn(4, requires_grad=True)
y = x.exp()  # saver
y.narrow(0, 1, 2).fill_(0)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
