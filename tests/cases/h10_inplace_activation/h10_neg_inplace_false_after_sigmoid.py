# case: inplace=False (and the out-of-place F.relu) after a sigmoid: nothing saved is modified
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.randn(3, requires_grad=True)
m = nn.Sequential(nn.Sigmoid(), nn.ReLU(inplace=False))
y = F.relu(torch.sigmoid(x), inplace=False) + m(x)
y.sum().backward()
print("ok", x.grad)
