# case: .data writes at init time (DCGAN weights_init) and on tensors that are in no graph
import torch
import torch.nn as nn


def weights_init(m):
    if isinstance(m, nn.Linear):
        m.weight.data.normal_(0.0, 0.02)
        m.bias.data.fill_(0)


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1))
net.apply(weights_init)
stats = torch.zeros(2)
stats.data[0] = 1.0
stats.data += 0.5
net(torch.randn(3, 4)).sum().backward()
print("ok", stats, net[0].weight.grad.shape)
