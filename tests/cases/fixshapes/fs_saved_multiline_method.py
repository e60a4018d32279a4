# case: an in-place method on a tanh's output (which tanh saved) written over several lines with comments
import torch

x = torch.randn(4, requires_grad=True)
h = torch.tanh(x)  # saver
h.mul_(  # scale the activation  # expect: GG002
    0.5
)
h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
