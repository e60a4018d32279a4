# case: a counted loop leaves at its first round (`if step == 0: break`) before the in-place scaling of a sigmoid's output, so the saved output is never written and the backward runs
import torch

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)
for step in range(3):
    if step == 0:
        break
    y.mul_(2)
y.sum().backward()
