# case: buffer recurrence that clones the previous row before using it: mv saves the clone, not a view of the buffer
import torch

torch.manual_seed(0)
W = torch.randn(4, 4, requires_grad=True)
out = torch.zeros(3, 4)
out[0] = torch.randn(4)
for t in range(1, 3):
    prev = out[t - 1].clone()
    out[t] = torch.tanh(W @ prev)
out.sum().backward()
print("ok", W.grad.shape)
