# case: layers built by one helper line, a gradient penalty (autograd.grad with create_graph) and backward before each step: every graph is used before the step
import torch
import torch.nn as nn


def block(i, o):
    return nn.Conv2d(i, o, 3, padding=1)


D = nn.Sequential(block(1, 4), block(4, 4))
opt = torch.optim.SGD(D.parameters(), lr=0.1)
for step in range(2):
    x = torch.randn(2, 1, 8, 8, requires_grad=True)
    out = D(x)
    g = torch.autograd.grad(out, x, torch.ones_like(out), create_graph=True)[0]
    g.pow(2).mean().backward()
    opt.step()
