# case: RNN-style loop updates the hidden state with `h +=` after W @ h saved h (H11a)
import torch

torch.manual_seed(0)
W = torch.randn(4, 4, requires_grad=True)
xs = torch.randn(3, 4)
h = torch.zeros(4)
for t in range(3):
    pre = W @ h + xs[t]  # saver
    h += torch.tanh(pre)  # expect: GG002
h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
