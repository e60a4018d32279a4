# case: c = out.detach(); c.zero_() overwrites sigmoid's saved output through the detached alias; autograd notices at backward
# source: https://github.com/pytorch/pytorch/issues/6990
import torch

a = torch.tensor([1, 2, 3.], requires_grad=True)
out = a.sigmoid()  # saver
c = out.detach()
c.zero_()  # expect: GG002
print(out)  # modified by c.zero_() !!
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
