# case: max pooling keeps its input for backward (to route the gradient to the maxima); writing the input after pooling breaks the backward
import torch
import torch.nn.functional as F

torch.manual_seed(0)
w = torch.randn(1, 2, 4, 4, requires_grad=True)
a = w * 1
pooled = F.max_pool2d(a, 2)  # saver
a.add_(1)  # expect: GG002
pooled.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
