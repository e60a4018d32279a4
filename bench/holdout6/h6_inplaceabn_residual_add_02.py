# source: https://github.com/mapillary/inplace_abn/issues/14
# case: the reporter's fix: the residual connection made out of place (`out = out + residual`), the in-place ABN layers unchanged
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class InPlaceABN(nn.BatchNorm2d):
    def __init__(self, num_features, activation_param=0.01):
        super().__init__(num_features)
        self.activation_param = activation_param

    def forward(self, x):
        x = super().forward(x)
        return F.leaky_relu(x, self.activation_param, inplace=True)


class ResidualBlock(nn.Module):
    def __init__(self, channels, norm_act=InPlaceABN):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = norm_act(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = norm_act(channels)

    def forward(self, x):
        residual = x
        out = self.bn1(self.conv1(x))
        out = self.bn2(self.conv2(out))
        out = out + residual
        return out


net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), ResidualBlock(4), ResidualBlock(4), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2))
optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
loss = F.cross_entropy(net(torch.randn(2, 3, 6, 6)), torch.tensor([0, 1]))
loss.backward()
optimizer.step()
