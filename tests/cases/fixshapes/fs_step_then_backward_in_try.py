# case: the optimizer step before a second backward through the same forward, the second backward inside `try/finally`
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
out = net(torch.randn(4, 3))  # saver
opt.zero_grad()
out.mean().backward(retain_graph=True)
opt.step()  # expect: GG002
try:
    out.pow(2).mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
finally:
    print("done")
