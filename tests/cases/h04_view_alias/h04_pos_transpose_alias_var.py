# case: a transposed alias kept in a variable and modified with +=
import torch

x = torch.randn(2, 3, requires_grad=True)
y = torch.sigmoid(x)  # saver
yt = y.transpose(0, 1)
yt += 0.5  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
