# case: an indexed write into a tanh's output whose value spans several lines and reads the tensor it writes
import torch

x = torch.randn(2, 4, requires_grad=True)
h = torch.tanh(x)  # saver
h[:, 0] = (  # expect: GG002
    h[:, 0] * 0.5
    + 1.0  # bias
)
h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
