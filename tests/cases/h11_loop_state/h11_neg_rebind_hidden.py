# case: hidden state rebound out of place (h = h + ...) and written into a never-read output buffer (H11b)
import torch

torch.manual_seed(0)
W = torch.randn(4, 4, requires_grad=True)
xs = torch.randn(3, 4)
h = torch.zeros(4)
out = torch.zeros(3, 4)
for t in range(3):
    h = h + torch.tanh(W @ h + xs[t])
    out[t] = h
out.sum().backward()
print("ok", W.grad.shape)
