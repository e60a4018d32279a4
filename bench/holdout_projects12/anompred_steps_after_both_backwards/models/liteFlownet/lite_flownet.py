import torch
import torch.nn as nn
import torch.nn.functional as F


class Network(nn.Module):
    """Stand-in for LiteFlowNet (pretrained, frozen): a tiny convolution estimating a 2-channel
    flow from two stacked frames."""

    def __init__(self):
        super().__init__()
        self.netFlow = nn.Sequential(nn.Conv2d(6, 8, 3, padding=1), nn.LeakyReLU(0.1),
                                     nn.Conv2d(8, 2, 3, padding=1))

    def forward(self, tenFirst, tenSecond):
        return self.netFlow(torch.cat([tenFirst, tenSecond], 1))

    def batch_estimate(self, input, model):
        tenFirst = input[:, :3]
        tenSecond = input[:, 3:]
        flow = model(tenFirst, tenSecond)
        return F.interpolate(flow, size=tenFirst.shape[2:], mode='bilinear', align_corners=False)
