import torch.nn as nn

from ..builder import NECKS


@NECKS.register_module
class SpMiddleFHD(nn.Module):
    """Stand-in for the sparse 3D middle extractor: dense BEV convolutions giving the RPN features and conv6."""

    def __init__(self, num_input_features=4, num_hidden=8):
        super(SpMiddleFHD, self).__init__()
        self.middle_conv = nn.Sequential(
            nn.Conv2d(num_input_features, num_hidden, 3, padding=1, bias=False),
            nn.BatchNorm2d(num_hidden, eps=1e-3, momentum=0.01),
            nn.ReLU(inplace=True),
            nn.Conv2d(num_hidden, num_hidden, 3, padding=1, bias=False),
            nn.BatchNorm2d(num_hidden, eps=1e-3, momentum=0.01),
            nn.ReLU(inplace=True),
        )
        self.rpn_conv = nn.Sequential(
            nn.Conv2d(num_hidden, num_hidden, 3, padding=1, bias=False),
            nn.BatchNorm2d(num_hidden, eps=1e-3, momentum=0.01),
            nn.ReLU(inplace=True),
        )
        self.conv6 = nn.Sequential(
            nn.Conv2d(num_hidden, num_hidden, 3, padding=1, bias=False),
            nn.BatchNorm2d(num_hidden, eps=1e-3, momentum=0.01),
            nn.ReLU(inplace=True),
        )

    def forward(self, voxel_features, batch_size, is_test=False):
        x = self.middle_conv(voxel_features)
        conv6 = self.conv6(x)
        point_misc = None  # the auxiliary point-wise branch is left out
        return self.rpn_conv(x), conv6, point_misc
