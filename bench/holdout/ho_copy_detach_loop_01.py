# case: a reused buffer x is detach_()-ed and refilled with x.copy_(exp(mu)) every step and (x * 2) is accumulated; reported broken on torch 1.0, but on torch 2.13 mul-by-scalar saves nothing of x, so it runs cleanly with the right gradient
# source: https://github.com/pytorch/pytorch/issues/15115
import torch

mu = torch.ones(1, requires_grad=True)
x = torch.randn(1)
loss = 0
for _ in range(3):
    x.detach_()
    new_calc = torch.exp(mu)
    x.copy_(new_calc)
    loss += (x * 2).sum()  # broken
    # loss += torch.mul(x, 2) # broken
    # loss += (x * torch.tensor([2.])).sum() #broken
    # loss += ((x+0) * torch.tensor([2.])).sum() #works
loss.backward()
print(mu.grad)  # 3 * 2 * e
