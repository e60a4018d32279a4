# case: `out = F.leaky_relu(h, 0.1, inplace=True)` assigned on a tanh's output
import torch
import torch.nn.functional as F

x = torch.randn(4, requires_grad=True)
h = torch.tanh(x)  # saver
out = F.leaky_relu(h, 0.1, inplace=True)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
