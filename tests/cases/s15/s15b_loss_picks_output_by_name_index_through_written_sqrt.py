# case: an edge loss picks one of a filter net's outputs by name (`NAMES.index(key)` over a tuple of output names); the picked output is the gradient magnitude, a `sqrt` output later accumulated in place, so the backward needs the overwritten tensor
import torch
import torch.nn as nn
import torch.nn.functional as F

NAMES = ("blurred", "magnitude", "orientation")


class Edges(nn.Module):
    def __init__(self):
        super().__init__()
        self.blur = nn.Conv2d(1, 1, 3, padding=1)
        self.sobel_x = nn.Conv2d(1, 1, 3, padding=1)
        self.sobel_y = nn.Conv2d(1, 1, 3, padding=1)

    def forward(self, img):
        blurred = self.blur(img)
        gx, gy = self.sobel_x(blurred), self.sobel_y(blurred)
        magnitude = torch.sqrt(gx**2 + gy**2 + 1e-6)  # saver
        orientation = torch.atan2(gy, gx)
        magnitude += blurred.abs()  # expect: GG002
        return blurred, magnitude, orientation


class EdgeLoss(nn.Module):
    def __init__(self, key):
        super().__init__()
        self.index = NAMES.index(key)
        self.edges = Edges()

    def forward(self, pred, target):
        return F.l1_loss(self.edges(pred)[self.index], self.edges(target)[self.index].detach())


model = nn.Conv2d(1, 1, 3, padding=1)
loss_fn = EdgeLoss("magnitude")
x = torch.randn(2, 1, 8, 8)
loss = loss_fn(model(x), x)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
