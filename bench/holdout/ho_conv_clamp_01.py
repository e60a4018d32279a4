# case: Conv3d/ConvTranspose3d wrappers clamp their output in place (torch.clamp_) for fp16 range; convolution does not save its output, so training runs cleanly
# source: https://github.com/pytorch/pytorch/issues/33373
import torch
import torch.nn as nn

_conv3d = nn.Conv3d


class Conv3dWrapper(_conv3d):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode='zeros'):
        super(Conv3dWrapper, self).__init__(in_channels, out_channels, kernel_size, stride,
                                            padding, dilation, groups, bias, padding_mode)

    def forward(self, input):
        return torch.clamp_(super(Conv3dWrapper, self).forward(input), -65504, 65504)


_conv_trans3d = nn.ConvTranspose3d


class ConvTranspose3dWrapper(_conv_trans3d):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros'):
        super(ConvTranspose3dWrapper, self).__init__(in_channels, out_channels, kernel_size,
                                                     stride, padding, output_padding, groups, bias, dilation, padding_mode)

    def forward(self, input):
        return torch.clamp_(super(ConvTranspose3dWrapper, self).forward(input), -65504, 65504)


model = nn.Sequential(
    Conv3dWrapper(1, 4, 3, stride=2, padding=1),
    nn.ReLU(),
    ConvTranspose3dWrapper(4, 1, 4, stride=2, padding=1),
)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
x = torch.randn(2, 1, 8, 8, 8)
for _ in range(2):
    optimizer.zero_grad()
    loss = (model(x) - x).pow(2).mean()
    loss.backward()
    optimizer.step()
