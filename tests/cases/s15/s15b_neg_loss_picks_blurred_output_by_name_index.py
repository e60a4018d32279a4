# case: the same edge loss picking the blurred image by name (`NAMES.index("blurred")` is 0): the in-place accumulation still writes the saved `sqrt` output, but no backward runs through it
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
        magnitude = torch.sqrt(gx**2 + gy**2 + 1e-6)
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
loss_fn = EdgeLoss("blurred")
x = torch.randn(2, 1, 8, 8)
loss = loss_fn(model(x), x)
loss.backward()
