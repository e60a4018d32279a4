# case: nn.init.*_ on parameters and copying pretrained weights under torch.no_grad()
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
for m in net.modules():
    if isinstance(m, nn.Linear):
        nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
        nn.init.zeros_(m.bias)
pretrained = {"0.weight": torch.randn(8, 4), "0.bias": torch.zeros(8)}
with torch.no_grad():
    for name, p in net.named_parameters():
        if name in pretrained:
            p.copy_(pretrained[name])
net(torch.randn(3, 4)).sum().backward()
print("ok", net[0].weight.grad.shape)
