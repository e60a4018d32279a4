# case: F.relu(y, inplace=True) on a sigmoid output
import torch
import torch.nn.functional as F

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)  # saver
z = F.relu(y, inplace=True)  # expect: GG002
z.sum().backward()  # raises: RuntimeError: modified by an inplace operation
