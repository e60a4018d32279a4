# case: the sigmoid_ output (saved for backward) is then written again in place
# source: https://runebook.dev/zh/docs/pytorch/generated/torch.tensor.sigmoid_
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.sigmoid_()  # saver
y.mul_(3)  # expect: GG002
z = y.sum()
z.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print("grad:", x.grad)
