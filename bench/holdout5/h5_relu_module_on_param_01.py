# source: https://github.com/pytorch/pytorch/issues/42525
# case: BiFPN-style fusion weights: `self.p6_w1_relu = nn.ReLU()` (default, not in place) applied to the Parameter `self.p6_w1` in forward; runs cleanly, contrary to the error the reporter attributes to it
import torch
import torch.nn as nn


class BiFPNFuse(nn.Module):
    def __init__(self, channels=4, epsilon=1e-4):
        super().__init__()
        self.epsilon = epsilon
        self.p6_w1 = nn.Parameter(torch.ones(2, dtype=torch.float32), requires_grad=True)
        self.p6_w1_relu = nn.ReLU()
        self.conv6_up = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, p6_in, p7_in):
        p6_w1 = self.p6_w1_relu(self.p6_w1)
        weight = p6_w1 / (torch.sum(p6_w1, dim=0) + self.epsilon)
        p7_up = nn.functional.interpolate(p7_in, scale_factor=2, mode='nearest')
        return self.conv6_up(weight[0] * p6_in + weight[1] * p7_up)


model = BiFPNFuse()
model.train()
out = model(torch.randn(1, 4, 8, 8), torch.randn(1, 4, 4, 4))
out.mean().backward()
print(model.p6_w1.grad)
