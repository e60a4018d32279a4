# case: out= in grad mode on detached / non-grad tensors, the buffer then used as a constant in a graph
import torch

x = torch.randn(3, requires_grad=True)
target = torch.empty(3)
torch.mul(x.detach(), 0.5, out=target)
loss = (x - target).pow(2).sum()
loss.backward()
print("ok", x.grad)
