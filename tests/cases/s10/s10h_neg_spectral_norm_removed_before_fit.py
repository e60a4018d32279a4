# case: a critic layer built with the hook-based torch.nn.utils.spectral_norm has it taken off again (remove_spectral_norm) before it is fitted; its forward then reads the plain weight parameter, which a Linear given an input that does not require grad does not keep, so the optimizer step between the two backwards runs
import torch
import torch.nn as nn
from torch.nn.utils import remove_spectral_norm, spectral_norm

torch.manual_seed(0)
critic = spectral_norm(nn.Linear(6, 2))
critic = remove_spectral_norm(critic)
opt = torch.optim.SGD(critic.parameters(), lr=0.05)
points = torch.randn(9, 6)
out = critic(points)
hinge = torch.relu(1.0 - out).mean()
center = out.mean().pow(2)
hinge.backward(retain_graph=True)
opt.step()
center.backward()
print(round(hinge.item(), 4), round(center.item(), 4))
