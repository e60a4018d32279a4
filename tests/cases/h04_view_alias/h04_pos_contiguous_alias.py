# case: .contiguous() on an already-contiguous tensor returns the same tensor, not a copy
import torch

x = torch.randn(3, requires_grad=True)
y = x.sigmoid()  # saver
y.contiguous().mul_(2)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
