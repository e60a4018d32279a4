# case: max-norm on the FIRST layer's weight under no_grad before backward: its input does not require grad, so Linear saved only the input, not the weight
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 1))
x = torch.randn(6, 3)
loss = net(x).pow(2).mean()
with torch.no_grad():
    net[0].weight.div_(net[0].weight.norm().clamp(min=1.0))
loss.backward()
print("ok", net[0].weight.grad.shape)
