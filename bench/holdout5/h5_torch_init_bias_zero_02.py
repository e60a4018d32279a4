# source: https://github.com/pytorch/pytorch/issues/7454
# case: the functions the thread asked for (`nn.init.ones_`, `nn.init.zeros_`): they write the BatchNorm parameters under no_grad
import torch
import torch.nn as nn


def weights_init(module):
    if isinstance(module, nn.Conv2d):
        nn.init.kaiming_normal_(module.weight, mode='fan_out', nonlinearity='relu')
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.ones_(module.weight)
        nn.init.zeros_(module.bias)


model = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1, bias=False),
    nn.BatchNorm2d(8),
    nn.ReLU(inplace=True),
    nn.AdaptiveAvgPool2d(1),
    nn.Flatten(),
    nn.Linear(8, 2),
)
model.apply(weights_init)
out = model(torch.randn(2, 3, 8, 8))
out.sum().backward()
