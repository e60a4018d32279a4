# case: a hidden Linear's weight is overwritten through .data.copy_ between forward and backward; the saved weight changes silently
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
target = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
x = torch.randn(5, 3)

loss = net(x).pow(2).mean()
net[2].weight.data.copy_(target[2].weight.data)  # expect: GG008
loss.backward()
print("first-layer grad computed with the wrong weight:", net[0].weight.grad.norm())
