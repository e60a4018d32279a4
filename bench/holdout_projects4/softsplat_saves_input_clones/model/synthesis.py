import torch
import torch.nn as nn

from softsplat import softsplat


class Synthesis(nn.Module):
    """Splat frame one forward along the estimated flow and frame two backward along the reversed flow."""

    def __init__(self):
        super().__init__()
        self.flow = nn.Conv2d(6, 2, 3, padding=1)
        self.metric = nn.Conv2d(3, 1, 3, padding=1)
        self.refine = nn.Conv2d(6, 3, 3, padding=1)

    def forward(self, tenOne, tenTwo):
        tenFlow = self.flow(torch.cat([tenOne, tenTwo], 1)) * 2.0
        warpedOne = softsplat(tenOne, tenFlow, self.metric(tenOne), "soft")
        tenFlow.neg_()
        warpedTwo = softsplat(tenTwo, tenFlow, self.metric(tenTwo), "soft")
        return self.refine(torch.cat([warpedOne, warpedTwo], 1))
