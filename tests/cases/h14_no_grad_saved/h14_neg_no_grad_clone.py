# case: the saved tanh output is cloned and the clone is modified under no_grad (e.g. for logging or a target)
import torch


def step(x):
    h = torch.tanh(x)
    with torch.no_grad():
        target = h.clone()
        target.mul_(0.5).add_(0.1)
    loss = (h - target).pow(2).sum()
    loss.backward()
    return loss


x = torch.randn(4, requires_grad=True)
print("ok", step(x).item(), x.grad)
