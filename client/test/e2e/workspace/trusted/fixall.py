import torch

w = torch.randn(3, requires_grad=True)
h = torch.tanh(w)
h += 1
z = torch.exp(w)
z.add_(1)
(h.sum() + z.sum()).backward()
