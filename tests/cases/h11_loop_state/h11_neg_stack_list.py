# case: recurrence collects states in a Python list and torch.stack()s them instead of filling a buffer
import torch

torch.manual_seed(0)
W = torch.randn(4, 4, requires_grad=True)
states = [torch.randn(4)]
for t in range(1, 3):
    states.append(torch.tanh(W @ states[-1]))
out = torch.stack(states)
out.sum().backward()
print("ok", W.grad.norm())
