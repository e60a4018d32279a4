import torch
import torch.nn as nn

from .blocks import DoubleConv
from .skconv import SKConv


def make_model():
    return MainModel()


class Estimation(nn.Module):
    def __init__(self, ch=16):
        super().__init__()
        self.InConv = SKConv(outfeatures=ch, M=3, L=8)
        self.convt = DoubleConv(ch, ch)
        self.OutConv = nn.Conv2d(ch, 3, 3, padding=1, bias=False, padding_mode="reflect")
        self.up = nn.Upsample(scale_factor=4, mode="bilinear", align_corners=True)
        self.conv1 = DoubleConv(3, ch, stride=4, k=9)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dense = nn.Linear(ch, 3, bias=False)

    def forward(self, x):
        xmin = self.InConv(x)
        trans = self.OutConv(self.up(self.convt(xmin)))
        trans = torch.sigmoid(trans) + 1e-12
        atm = torch.mul(self.conv1(x), xmin)
        atm = self.pool(atm).view(-1, atm.shape[1])
        atm = torch.sigmoid(self.dense(atm))
        return trans, atm


class MainModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.estimation = Estimation()

    def forward(self, x):
        trans, atm = self.estimation(x)
        atm = torch.unsqueeze(torch.unsqueeze(atm, 2), 2).expand_as(x)
        out = (x - (1 - trans) * atm) / trans
        return trans, atm, out
