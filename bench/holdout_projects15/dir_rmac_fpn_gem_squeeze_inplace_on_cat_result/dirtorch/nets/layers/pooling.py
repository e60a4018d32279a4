import torch
import torch.nn.functional as F
from torch.nn.modules import Module
from torch.nn.parameter import Parameter


class GeneralizedMeanPooling(Module):
    r"""Applies a 2D power-average adaptive pooling over an input signal composed of several input planes.

    The function computed is: :math:`f(X) = pow(sum(pow(X, p)), 1/p)`

        - At p = infinity, one gets Max Pooling
        - At p = 1, one gets Average Pooling
    """

    def __init__(self, norm, output_size=1, eps=1e-6):
        super().__init__()
        assert norm > 0
        self.p = float(norm)
        self.output_size = output_size
        self.eps = eps

    def forward(self, x):
        x = x.clamp(min=self.eps).pow(self.p)
        return F.adaptive_avg_pool2d(x, self.output_size).pow(1.0 / self.p)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.p}, output_size={self.output_size})"


class GeneralizedMeanPoolingP(GeneralizedMeanPooling):
    """Same, but norm is trainable"""

    def __init__(self, norm=3, output_size=1, eps=1e-6):
        super().__init__(norm, output_size, eps)
        self.p = Parameter(torch.ones(1) * norm)
