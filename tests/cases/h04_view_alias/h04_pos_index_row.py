# case: y[0] (basic integer indexing) is a view; row scaled in place inside a loop
import torch

x = torch.randn(3, 4, requires_grad=True)
y = torch.sigmoid(x)  # saver
for i in range(2):
    y[i].mul_(0.5)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
