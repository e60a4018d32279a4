# case: BN gamma clamped in place under no_grad between forward and backward (a constraint applied too early)
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
x = torch.randn(4, 3, requires_grad=True)
loss = bn(x).pow(3).sum()  # saver
with torch.no_grad():
    bn.weight.clamp_(0.0, 0.9)  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
