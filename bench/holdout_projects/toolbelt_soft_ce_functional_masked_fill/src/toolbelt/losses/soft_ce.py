from typing import Optional

import torch.nn.functional as F
from torch import Tensor, nn

from ..functional import label_smoothed_nll_loss


class SoftCrossEntropyLoss(nn.Module):
    """Drop-in replacement for nn.CrossEntropyLoss with label smoothing (June 2020 refactor)."""

    def __init__(self, reduction="mean", smooth_factor=0.0, ignore_index: Optional[int] = -100, dim=1):
        super().__init__()
        self.smooth_factor = smooth_factor
        self.ignore_index = ignore_index
        self.reduction = reduction
        self.dim = dim

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        log_prob = F.log_softmax(input, dim=self.dim)
        return label_smoothed_nll_loss(log_prob, target, epsilon=self.smooth_factor, ignore_index=self.ignore_index,
                                       reduction=self.reduction, dim=self.dim)
