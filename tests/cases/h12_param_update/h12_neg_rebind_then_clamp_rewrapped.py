# case: the same projected-gradient loop with `x` made a new leaf after its last rebinding each round: `x.grad` is filled every time
import torch

torch.manual_seed(0)
w = torch.randn(4, 2)
x = torch.rand(3, 4, requires_grad=True)
for step in range(3):
    loss = (x @ w).pow(2).sum()
    print("loss", loss.item())
    loss.backward()
    x = x - 0.05 * x.grad.sign()
    x = torch.clamp(x, 0.0, 1.0)
    x = x.detach().requires_grad_()
print(x.sum().item())
