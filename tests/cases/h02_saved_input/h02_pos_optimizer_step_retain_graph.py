# case: optimizer.step() between two backwards through the same graph (retain_graph=True)
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
loss = net(torch.randn(5, 4)).pow(2).mean()  # saver
loss.backward(retain_graph=True)
opt.step()  # expect: GG002
loss.backward()  # raises: RuntimeError: modified by an inplace operation
