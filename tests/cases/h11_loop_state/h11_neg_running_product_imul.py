# case: running product `acc *= w` in a loop runs and gives correct grads: in-place mul_ keeps its own copy of the old self
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
acc = torch.ones(3)
for t in range(3):
    acc *= w
acc.sum().backward()
print("ok", torch.allclose(w.grad, 3 * w.detach() ** 2))
