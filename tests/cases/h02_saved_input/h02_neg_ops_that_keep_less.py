# case: writes that look hazardous but touch nothing autograd kept: max pooling keeps its input (not its output), F.interpolate in bilinear mode keeps sizes only, torch.where keeps only its condition, torch.min(a, b) keeps its inputs (not its result), x.pow_(2) with a scalar exponent does not keep its result
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
w = torch.randn(1, 2, 4, 4, requires_grad=True)
pooled = nn.MaxPool2d(2)(w * 1)
nn.ReLU(inplace=True)(pooled)
a = w * 2
up = F.interpolate(a, scale_factor=2, mode="bilinear", align_corners=False)
a.add_(1)
l_ = w * 3
picked = torch.where(l_ > 0, l_, w)
l_ /= 2
low = torch.min(w * 4, w * 5)
low.clamp_(min=-1.0, max=1.0)
c = w * 6
c.pow_(2)
c.mul_(5)
(pooled.sum() + up.sum() + picked.sum() + low.sum() + c.sum()).backward()
