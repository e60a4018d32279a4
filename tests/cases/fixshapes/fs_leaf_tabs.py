# case: a write to a leaf that requires grad in a function indented with tabs; the no_grad wrap must indent with tabs too
import torch


def shrink(w):
	if w.dim() == 1:
		w.mul_(0.5)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
	return w


w = torch.ones(3, requires_grad=True)
shrink(w)
(w * 2).sum().backward()
print(w.grad)
