import torch
import torch.nn as nn

from layers import ConvLayer, InstanceNormalization, ResidualBlock, UpsampleConvLayer


class TransformerNet(torch.nn.Module):
    def __init__(self):
        super(TransformerNet, self).__init__()
        self.conv1 = ConvLayer(3, 4, 3, 1)
        self.in1 = InstanceNormalization(4)
        self.conv2 = ConvLayer(4, 8, 3, 2)
        self.in2 = InstanceNormalization(8)
        self.res1 = ResidualBlock(8)
        self.res2 = ResidualBlock(8)
        self.deconv1 = UpsampleConvLayer(8, 4, 3, 1, upsample=2)
        self.in4 = InstanceNormalization(4)
        self.deconv3 = ConvLayer(4, 3, 3, 1)
        self.relu = nn.ReLU()
        self.tanh = nn.Tanh()

    def forward(self, X):
        y = self.relu(self.in1(self.conv1(X)))
        y = self.relu(self.in2(self.conv2(y)))
        y = self.res1(y)
        y = self.res2(y)
        y = self.relu(self.in4(self.deconv1(y)))
        y = self.tanh(self.deconv3(y))  # saver
        return y
