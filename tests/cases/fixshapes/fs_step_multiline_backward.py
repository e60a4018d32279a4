# case: a step between two backwards through one forward, the second backward's call written over several lines
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
out = net(torch.randn(5, 3))  # saver
loss_a = out[:, 0].mean()
loss_b = out[:, 1].pow(2).mean()
opt.zero_grad()
loss_a.backward(retain_graph=True)
opt.step()  # expect: GG002
(loss_a
 + loss_b).backward(  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    retain_graph=False,
)
