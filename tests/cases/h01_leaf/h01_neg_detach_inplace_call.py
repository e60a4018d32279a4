# case: h.detach_() makes a leaf stop requiring grad; in-place afterwards is fine
import torch

h = torch.zeros(3, requires_grad=True)
h.detach_()
h.add_(1)
print(h.requires_grad, h)
