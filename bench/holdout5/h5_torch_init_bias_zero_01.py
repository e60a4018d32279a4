# source: https://github.com/pytorch/pytorch/issues/7454
# case: an init function applied with `model.apply` that sets BatchNorm affine parameters with `module.weight.fill_(1)` and `module.bias.zero_()` (the thread's suggestion), with grad mode on
import torch
import torch.nn as nn


def weights_init(module):
    if isinstance(module, nn.Conv2d):
        nn.init.kaiming_normal_(module.weight, mode='fan_out', nonlinearity='relu')
    elif isinstance(module, nn.BatchNorm2d):
        module.weight.fill_(1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        module.bias.zero_()  # expect: GG001


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
