# case: `F.relu(h, True)`: the functional activation in place with inplace passed positionally, on a sigmoid's output
import torch
import torch.nn.functional as F

x = torch.randn(4, requires_grad=True)
h = torch.sigmoid(x)  # saver
F.relu(h, True)  # expect: GG002
h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
