# case: an in-place write to an exp's output (which exp saved) between other statements on one line
import torch

x = torch.randn(4, requires_grad=True)
y = x.exp(); y.add_(1); z = y * 2  # expect: GG002  # saver
z.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
