# case: torch.relu saves its output; y.add_(1) before backward
import torch

x = torch.randn(3, requires_grad=True)
y = torch.relu(x)  # saver
y.add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
