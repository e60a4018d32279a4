# case: F.relu(..., inplace=True) on a sigmoid output, which SigmoidBackward saved
import torch
import torch.nn.functional as F

x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)  # saver
z = F.relu(y, inplace=True)  # expect: GG002
z.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
