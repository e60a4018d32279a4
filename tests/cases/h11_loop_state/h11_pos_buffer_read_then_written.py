# case: outputs written into a preallocated buffer while the previous row (a view of it) is saved by mv (H11c)
import torch

torch.manual_seed(0)
W = torch.randn(4, 4, requires_grad=True)
out = torch.zeros(3, 4)
out[0] = torch.randn(4)
for t in range(1, 3):
    prev = out[t - 1]
    z = W @ prev  # saver
    out[t] = torch.tanh(z)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
