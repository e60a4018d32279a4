import torch
import torch.nn as nn

from .backbones.resnet import BasicBlock, F, ResNet
from .layers.pooling import GeneralizedMeanPoolingP


def l2_normalize(x, axis=-1):
    x = F.normalize(x, p=2, dim=axis)
    return x


class ResNet_RMAC_FPN(ResNet):
    """ResNet for RMAC (without ROI pooling)"""

    def __init__(
        self,
        block,
        layers,
        model_name,
        out_dim=None,
        norm_features=False,
        pooling="gem",
        gemp=3,
        center_bias=0,
        mode=1,
        dropout_p=None,
        without_fc=False,
        **kwargs,
    ):
        ResNet.__init__(self, block, layers, 0, model_name, **kwargs)
        self.norm_features = norm_features
        self.without_fc = without_fc
        self.pooling = pooling
        self.center_bias = center_bias
        self.mode = mode

        dim1 = 4 * self.base_width * block.expansion
        dim2 = 8 * self.base_width * block.expansion
        if out_dim is None:
            out_dim = dim1 + dim2
        # FPN
        if self.mode == 1:
            self.conv1x5 = nn.Conv2d(dim2, dim1, kernel_size=1, stride=1, bias=False)
            self.conv3c4 = nn.Conv2d(dim1, dim1, kernel_size=3, stride=1, padding=1, bias=False)
            self.relu = nn.ReLU(inplace=True)

        if pooling == "gem":
            self.adpoolx5 = GeneralizedMeanPoolingP(norm=gemp)
            self.adpoolc4 = GeneralizedMeanPoolingP(norm=gemp)
        else:
            raise ValueError(pooling)

        self.dropout = nn.Dropout(dropout_p) if dropout_p is not None else None
        self.fc = nn.Linear(dim1 + dim2, out_dim)
        self.fc_name = "fc"
        self.feat_dim = out_dim
        self.detach = False

    def forward(self, x):
        x4, x5 = ResNet.forward(self, x, -1)

        # FPN
        if self.mode == 1:
            c5 = F.interpolate(x5, size=x4.shape[-2:], mode="nearest")
            c5 = self.conv1x5(c5)
            c5 = self.relu(c5)
            x4 = x4 + c5
            x4 = self.conv3c4(x4)
            x4 = self.relu(x4)

        if self.dropout is not None:
            x5 = self.dropout(x5)
            x4 = self.dropout(x4)

        if self.detach:
            # stop the back-propagation here, if needed
            x5 = x5.detach()
            x4 = x4.detach()

        # global pooling
        x5 = self.adpoolx5(x5)
        x4 = self.adpoolc4(x4)

        x = torch.cat((x4, x5), 1)

        if self.norm_features:
            x = l2_normalize(x, axis=1)

        x.squeeze_()
        if not self.without_fc:
            x = self.fc(x)

        x = l2_normalize(x, axis=-1)
        return x


def resnet18_fpn_rmac(backbone=ResNet_RMAC_FPN, **kwargs):
    kwargs.pop("scales", None)
    return backbone(BasicBlock, [2, 2, 2, 2], "resnet18", **kwargs)
