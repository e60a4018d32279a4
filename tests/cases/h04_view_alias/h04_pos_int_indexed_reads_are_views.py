# case: the same fill with integer indices: `dp[:, 1, 1]` is a view of dp, so writing `dp[:, 1, 2]` bumps the version of the tensor torch.max kept (an input of the elementwise max)
import torch

torch.manual_seed(0)
scores = torch.rand(2, 3, 4, requires_grad=True)
dp = torch.zeros(2, 4, 5)
dp[:, 1, 1] = scores[:, 0, 0]
up = dp[:, 1, 1]
left = dp[:, 0, 2]
best = torch.max(up, left)  # saver
dp[:, 1, 2] = best  # expect: GG002
best.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
