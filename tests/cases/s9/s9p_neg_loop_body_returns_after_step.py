# case: clean twin: a training helper whose epoch loop ends in `return` runs its body once, whatever `epochs` is: the step after the backward through the forward made before the loop is never followed by a second backward through it
import sys

import torch
import torch.nn as nn


def fit(net, opt, x, epochs):
    h = net(x)
    for _ in range(epochs):
        loss = h.pow(2).mean()
        opt.zero_grad()
        loss.backward(retain_graph=True)
        opt.step()
        return loss.item()


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 3), nn.Tanh(), nn.Linear(3, 3))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
fit(net, opt, torch.randn(2, 3), len(sys.argv) + 1)
