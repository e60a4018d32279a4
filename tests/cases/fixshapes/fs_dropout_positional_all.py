# case: `F.dropout(h, 0.5, True, True)`: training and inplace passed positionally, on a tanh's output that tanh saved
import torch
import torch.nn.functional as F

x = torch.randn(8, requires_grad=True)
h = torch.tanh(x)  # saver
F.dropout(h, 0.5, True, True)  # expect: GG002
h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
