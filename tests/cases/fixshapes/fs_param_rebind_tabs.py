# case: a hand-written SGD step rewritten out of place in a loop indented with tabs
import torch

w = torch.randn(3, requires_grad=True)
for step in range(2):
	loss = (w * w).sum()
	loss.backward()
	w = w - 0.1 * w.grad  # expect: GG009
	w.grad.zero_()  # raises: AttributeError: 'NoneType' object has no attribute 'zero_'
print(w)
