# case: in-place under torch.inference_mode() on a normal (non-inference) tensor that was saved: still a version bump, error at backward
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()  # saver
with torch.inference_mode():
    y.add_(1)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
