# case: a weight-normalized Linear (torch.nn.utils.parametrizations.weight_norm) in a Sequential is fitted on data that does not require grad with two losses and one optimizer stepped after the first backward; the weight computed from original0 and original1 kept both for backward, the step rewrote them, so the second backward through the same forward fails
import torch
import torch.nn as nn
from torch.nn.utils.parametrizations import weight_norm

torch.manual_seed(0)
net = nn.Sequential(weight_norm(nn.Linear(6, 4)), nn.Tanh())  # saver
opt = torch.optim.SGD(net.parameters(), lr=0.1)
signal = torch.randn(5, 6)

feats = net(signal)
recon = feats.pow(2).mean()
sparsity = feats.abs().mean()
opt.zero_grad()
recon.backward(retain_graph=True)
opt.step()  # expect: GG002
sparsity.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(recon.item(), 4), round(sparsity.item(), 4))
