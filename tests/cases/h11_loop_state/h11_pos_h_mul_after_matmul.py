# case: state decayed in place with h.mul_() after W @ h saved it; outputs collected in a list
import torch

torch.manual_seed(0)
W = torch.randn(4, 4, requires_grad=True)
h = torch.ones(4)
ys = []
for t in range(3):
    ys.append(W @ h)  # saver
    h.mul_(0.9)  # expect: GG002
torch.stack(ys).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
