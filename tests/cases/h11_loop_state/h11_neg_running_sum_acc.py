# case: running sum `acc += x[t] * w` in a loop: add saves nothing, and acc is never saved by another op
import torch

torch.manual_seed(0)
x = torch.randn(5, 3, requires_grad=True)
w = torch.randn(3, requires_grad=True)
acc = torch.zeros(3)
for t in range(5):
    acc += x[t] * w
acc.sum().backward()
print("ok", w.grad)
