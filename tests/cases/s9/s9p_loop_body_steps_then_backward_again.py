# case: the same training helper without the `return` at the end of its epoch loop: the second epoch backpropagates again through the forward made before the loop, whose weights the first epoch's step changed
import sys

import torch
import torch.nn as nn


def fit(net, opt, x, epochs):
    h = net(x)
    for _ in range(epochs):
        loss = h.pow(2).mean()
        opt.zero_grad()
        loss.backward(retain_graph=True)  # raises: RuntimeError: modified by an inplace operation
        opt.step()  # expect: GG002
    return loss.item()


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 3), nn.Tanh(), nn.Linear(3, 3))  # saver
opt = torch.optim.SGD(net.parameters(), lr=0.1)
fit(net, opt, torch.randn(2, 3), len(sys.argv) + 1)
