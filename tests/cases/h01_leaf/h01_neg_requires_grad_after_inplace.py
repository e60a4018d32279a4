# case: in-place initialisation BEFORE requires_grad_() is called: not a leaf requiring grad yet
import torch

w = torch.empty(3, 2)
w.normal_(0, 0.02)
w[0] = 0.
w.requires_grad_()
(w * 2).sum().backward()
print(w.grad)
