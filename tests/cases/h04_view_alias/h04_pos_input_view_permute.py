# case: the input saved by matmul is modified through a permuted view of it
import torch

W = torch.randn(3, 2, requires_grad=True)
x = torch.randn(4, 3)
y = x @ W  # saver
x.permute(1, 0)[0].zero_()  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
