# case: bifurcated data flow: x feeds conv1_p (which saves it), then the main branch does x += some_layer
# source: https://discuss.pytorch.org/t/when-would-the-error-one-of-the-variables-needed-for-gradient-computation-has-been-modified-occur/11976/2
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.conv1_p = nn.Conv2d(4, 4, 3, padding=1)
        self.some = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, input):
        some_layer = self.some(input)
        x = self.conv1(input)  # main branch
        x_p = self.conv1_p(x)  # another branch  # saver
        x += some_layer  # main branch  # expect: GG002
        return x + x_p


net = Net()
out = net(torch.randn(2, 3, 8, 8))
out.mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
