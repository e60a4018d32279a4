# case: the same weight-normalized Linear with both losses backpropagated before the optimizer steps: the originals the weight norm kept are unchanged at both backwards and training runs
import torch
import torch.nn as nn
from torch.nn.utils.parametrizations import weight_norm

torch.manual_seed(0)
net = nn.Sequential(weight_norm(nn.Linear(6, 4)), nn.Tanh())
opt = torch.optim.SGD(net.parameters(), lr=0.1)
signal = torch.randn(5, 6)

feats = net(signal)
recon = feats.pow(2).mean()
sparsity = feats.abs().mean()
opt.zero_grad()
recon.backward(retain_graph=True)
sparsity.backward()
opt.step()
print(round(recon.item(), 4), round(sparsity.item(), 4))
