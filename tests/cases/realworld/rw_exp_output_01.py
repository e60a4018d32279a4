# case: output of exp() is saved for backward; writing into it (uexp[0] = 666) breaks the second backward
# source: https://discuss.pytorch.org/t/when-inplace-operation-are-allowed-and-when-not/169583/3
import torch

t = torch.arange(3.0, requires_grad=True)
u = 2 * t  # (so it won't be a leaf variable)
uexp = u.exp()  # saver
loss = uexp.sum()
loss.backward(retain_graph=True)
uexp[0] = 666  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
