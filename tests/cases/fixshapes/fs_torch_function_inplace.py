# case: the function form `torch.clamp_(y, 0.0, 1.0)` on an exp's output, which exp saved
import torch

x = torch.randn(4, requires_grad=True)
y = torch.exp(x)  # saver
torch.clamp_(y, 0.0, 1.0)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
