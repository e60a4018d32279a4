# case: inside the context, a weight saved by MulBackward is updated in place before backward; backward still sees the old weight
import torch

x = torch.ones(3, requires_grad=True)
w = torch.full((3,), 2.0)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = x * w
    w.add_(10.0)
    y.sum().backward()
print("x.grad uses the saved w (2s):", x.grad)
