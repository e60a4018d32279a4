# case: .float() on a float32 tensor returns the same tensor: in-place on it modifies the saved output
import torch

x = torch.randn(3, requires_grad=True)
y = torch.tanh(x)  # saver
z = y.float()
z.sub_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
