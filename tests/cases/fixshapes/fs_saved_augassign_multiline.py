# case: an augmented assignment over several lines to a sigmoid's output, which sigmoid saved
import torch

x = torch.randn(4, requires_grad=True)
w = torch.randn(4)
y = x.sigmoid()  # saver
y += (w *  # expect: GG002
      2)
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
