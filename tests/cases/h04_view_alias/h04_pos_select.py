# case: select returns a view; zero_ on one row modifies the saved exp output
import torch

x = torch.randn(2, 3, requires_grad=True)
y = x.exp()  # saver
y.select(0, 1).zero_()  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
