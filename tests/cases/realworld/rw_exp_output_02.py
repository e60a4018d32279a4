# case: safe look-alike from the same thread: the INPUT of exp() is not saved, so u[0] = 666 is harmless
# source: https://discuss.pytorch.org/t/when-inplace-operation-are-allowed-and-when-not/169583/3
import torch

t = torch.arange(3.0, requires_grad=True)
u = 2 * t  # (so it won't be a leaf variable)
uexp = u.exp()
loss = uexp.sum()
u[0] = 666  # inplace modification of u: exp() saved its output, not u
loss.backward(retain_graph=True)  # okay
print(t.grad)
