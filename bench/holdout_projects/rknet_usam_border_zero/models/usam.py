import torch
import torch.nn as nn
from torch.nn import functional as F


class USAM(nn.Module):
    """Unit subtraction attention: a fixed box filter marks salient keypoints of a feature map."""

    def __init__(self, kernel_size=3, padding=1, polish=True):
        super().__init__()
        kernel = torch.ones((kernel_size, kernel_size)).unsqueeze(0).unsqueeze(0)
        self.weight = nn.Parameter(data=kernel, requires_grad=False)
        kernel2 = (torch.ones((1, 1)) * (kernel_size * kernel_size)).unsqueeze(0).unsqueeze(0)
        self.weight2 = nn.Parameter(data=kernel2, requires_grad=False)
        self.polish = polish
        self.pad = padding
        self.relu = nn.ReLU()
        self.bn = nn.BatchNorm2d(1)

    def __call__(self, x):
        fmap = x.sum(1, keepdim=True)
        x1 = F.conv2d(fmap, self.weight, padding=self.pad)
        x2 = F.conv2d(fmap, self.weight2, padding=0)
        att = x2 - x1
        att = self.bn(att)
        att = self.relu(att)  # saver
        if self.polish:
            att[:, :, :, 0] = 0  # expect: GG002
            att[:, :, :, -1] = 0  # expect: GG002
            att[:, :, 0, :] = 0  # expect: GG002
            att[:, :, -1, :] = 0  # expect: GG002
        output = x + att * x
        return output
