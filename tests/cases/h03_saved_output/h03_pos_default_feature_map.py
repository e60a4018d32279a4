# case: `self.feature_map = feature_map or default_feature_map` picks the default (exp, which saves its output) when none is given; the caller then modifies that output in place
import torch
import torch.nn as nn


def default_feature_map(x):
    return torch.exp(x)  # saver


class FeatureAttention(nn.Module):
    def __init__(self, feature_map=None):
        super().__init__()
        self.feature_map = feature_map or default_feature_map

    def forward(self, x):
        phi = self.feature_map(x)
        phi += 1  # expect: GG002
        return phi.sum()


layer = FeatureAttention()
loss = layer(torch.randn(4, requires_grad=True))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
