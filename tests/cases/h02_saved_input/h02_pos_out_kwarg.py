# case: torch.add(..., out=w) overwrites w, which x * w saved; backward fails
import torch

x = torch.randn(3, requires_grad=True)
w = torch.randn(3)
y = x * w  # saver
torch.add(torch.ones(3), 1, out=w)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
