# case: b = a.sigmoid() then b[1] = 2 overwrites sigmoid's saved output; backward raises
# source: https://github.com/pytorch/pytorch/issues/9391
import torch

a = torch.tensor([1, 2, 3.], requires_grad=True)
b = a.sigmoid()  # saver
print(b)
b[1] = 2  # expect: GG002
b.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
