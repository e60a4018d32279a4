# case: the standard Conv -> BatchNorm -> ReLU(inplace=True) stack: neither conv nor BN saves its output
import torch
import torch.nn as nn

torch.manual_seed(0)
features = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1, bias=False),
    nn.BatchNorm2d(8),
    nn.ReLU(inplace=True),
    nn.Conv2d(8, 8, 3, padding=1, bias=False),
    nn.BatchNorm2d(8),
    nn.ReLU(inplace=True),
)
x = torch.randn(2, 3, 8, 8, requires_grad=True)
features(x).mean().backward()
print("ok", x.grad.shape)
