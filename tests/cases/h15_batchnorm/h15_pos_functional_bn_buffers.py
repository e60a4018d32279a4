# case: F.batch_norm with user-held running buffers; the buffer is reset in place before backward
import torch
import torch.nn.functional as F

running_mean, running_var = torch.zeros(3), torch.ones(3)
x = torch.randn(8, 3, requires_grad=True)
y = F.batch_norm(x, running_mean, running_var, training=True, momentum=0.1)  # saver
running_mean.zero_()  # expect: GG002
y.pow(2).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
