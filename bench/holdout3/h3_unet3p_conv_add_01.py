# case: the UNet3+ snippet from a Q&A page that claims `x = self.conv(x); x += 1` "causes the RuntimeError"; it does not: a convolution saves its input, not its output, so adding to the conv output in place is harmless and the backward runs cleanly (here inside a small UNet3+-style full-scale skip decoder)
# source: https://taourl.com/read-2558242.html
import torch
import torch.nn as nn
import torch.nn.functional as F


class UNet3Plus(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, kernel_size=3, padding=1)
        self.enc2 = nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
        self.h1_cat = nn.Conv2d(8, 4, 3, padding=1)
        self.h2_up_cat = nn.Conv2d(8, 4, 3, padding=1)
        self.fuse = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True))
        self.out = nn.Conv2d(8, 1, 1)

    def forward(self, x):
        x = self.conv(x)
        x += 1  # in-place operation on the conv output
        h1 = F.relu(x)
        h2 = self.enc2(h1)
        d1 = torch.cat([self.h1_cat(h1), self.h2_up_cat(F.interpolate(h2, scale_factor=2, mode="bilinear"))], dim=1)
        return self.out(self.fuse(d1))


torch.manual_seed(0)
model = UNet3Plus()
input_tensor = torch.randn(1, 3, 16, 16, requires_grad=True)
output = model(input_tensor)
loss = output.sum()
loss.backward()
