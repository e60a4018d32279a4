# case: under no_grad, a tensor that was only ADDED (not saved) is modified before backward
import torch

x = torch.randn(3, requires_grad=True)
bias = torch.zeros(3)
y = torch.tanh(x) + bias
with torch.no_grad():
    bias.add_(0.1)
y.sum().backward()
print(x.grad)
