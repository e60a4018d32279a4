from torch import nn

from ..builder import NECKS


@NECKS.register_module(name="GAP", force=True)
class GlobalAveragePooling(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        return self.pool(x).flatten(1)
