import torch.nn as nn
import torch.nn.functional as F

import settings

from .blocks import ConvBNReLU
from .emau import EMAU


class CrossEntropyLoss2d(nn.Module):
    def __init__(self, ignore_index=-1):
        super().__init__()
        self.nll_loss = nn.NLLLoss(reduction="none", ignore_index=ignore_index)

    def forward(self, inputs, targets):
        loss = self.nll_loss(F.log_softmax(inputs, dim=1), targets)
        return loss.mean(dim=2).mean(dim=1)


class EMANet(nn.Module):
    def __init__(self, n_classes, n_layers):
        super().__init__()
        self.extractor = nn.Sequential(*[ConvBNReLU(3 if i == 0 else 8, 8, 3, 2 if i == 0 else 1, 1, 1) for i in range(n_layers)])
        self.fc0 = ConvBNReLU(8, 8, 3, 1, 1, 1)
        self.emau = EMAU(8, 4, settings.STAGE_NUM)
        self.fc1 = nn.Sequential(ConvBNReLU(8, 8, 3, 1, 1, 1), nn.Dropout2d(p=0.1))
        self.fc2 = nn.Conv2d(8, n_classes, 1)
        self.crit = CrossEntropyLoss2d()

    def forward(self, img, lbl=None):
        x = self.fc0(self.extractor(img))
        x, mu = self.emau(x)
        x = self.fc2(self.fc1(x))
        pred = F.interpolate(x, size=img.size()[-2:], mode="bilinear", align_corners=True)
        if self.training and lbl is not None:
            return self.crit(pred, lbl), mu
        return pred
