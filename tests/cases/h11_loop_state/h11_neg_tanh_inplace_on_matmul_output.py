# case: h = W @ h; h.tanh_() in a loop: tanh_ overwrites mv's (unsaved) output; the next mv saves the post-tanh_ value
import torch

torch.manual_seed(0)
W = torch.randn(4, 4, requires_grad=True)
h = torch.randn(4)
for t in range(3):
    h = W @ h
    h.tanh_()
h.sum().backward()
print("ok", W.grad.shape)
