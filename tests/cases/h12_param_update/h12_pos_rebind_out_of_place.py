# case: the update rewritten out of place `w = w - lr * w.grad` runs, but w is no longer a leaf: its .grad stays None (H12b)
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
loss = (w * w).sum()
loss.backward()
w = w - 0.1 * w.grad  # expect: GG009
loss = (w * w).sum()
loss.backward()
print("is_leaf", w.is_leaf, "grad", w.grad)
