# source: https://github.com/argusswift/YOLOv4-pytorch/issues/247
# case: the reporter's fix, `out = out + residual`, with the same ReLU backbone
import torch
import torch.nn as nn

activate_name = {
    "relu": nn.ReLU,
    "leaky": nn.LeakyReLU,
    "linear": nn.Identity,
}


class Convolutional(nn.Module):
    def __init__(self, filters_in, filters_out, kernel_size, stride=1, activate="relu"):
        super(Convolutional, self).__init__()
        self.__conv = nn.Conv2d(filters_in, filters_out, kernel_size, stride, kernel_size // 2, bias=False)
        self.__norm = nn.BatchNorm2d(filters_out)
        if activate == "relu" or activate == "leaky":
            self.__activate = activate_name[activate](inplace=True)
        else:
            self.__activate = activate_name[activate]()

    def forward(self, x):
        return self.__activate(self.__norm(self.__conv(x)))


class CSPBlock(nn.Module):
    def __init__(self, in_channels, out_channels, hidden_channels=None, residual_activation="linear", activate="relu"):
        super(CSPBlock, self).__init__()
        if hidden_channels is None:
            hidden_channels = out_channels
        self.block = nn.Sequential(
            Convolutional(in_channels, hidden_channels, 1, activate=activate),
            Convolutional(hidden_channels, out_channels, 3, activate=activate),
        )
        self.activation = activate_name[residual_activation]()

    def forward(self, x):
        residual = x
        out = self.block(x)
        out = out + residual
        return self.activation(out)


class CSPStage(nn.Module):
    def __init__(self, in_channels, out_channels, num_blocks, activate="relu"):
        super(CSPStage, self).__init__()
        self.downsample_conv = Convolutional(in_channels, out_channels, 3, stride=2, activate=activate)
        self.split_conv0 = Convolutional(out_channels, out_channels // 2, 1, activate=activate)
        self.split_conv1 = Convolutional(out_channels, out_channels // 2, 1, activate=activate)
        self.blocks_conv = nn.Sequential(
            *[CSPBlock(out_channels // 2, out_channels // 2, activate=activate) for _ in range(num_blocks)],
            Convolutional(out_channels // 2, out_channels // 2, 1, activate=activate),
        )
        self.concat_conv = Convolutional(out_channels, out_channels, 1, activate=activate)

    def forward(self, x):
        x = self.downsample_conv(x)
        x0 = self.split_conv0(x)
        x1 = self.split_conv1(x)
        x1 = self.blocks_conv(x1)
        x = torch.cat([x0, x1], dim=1)
        return self.concat_conv(x)


backbone = nn.Sequential(Convolutional(3, 8, 3, activate="relu"), CSPStage(8, 16, 2, activate="relu"))
out = backbone(torch.randn(2, 3, 16, 16))
loss = out.pow(2).mean()
loss.backward()
