# case: a full reduction's result (y.amax(dim=1), kept for backward to find where the max was) is then scaled in place; unlike sort/topk, amax keeps its output
import torch
import torch.nn as nn

lin = nn.Linear(3, 3)
y = lin(torch.randn(5, 3))
peak = y.amax(dim=1)  # saver
peak.mul_(0.5)  # expect: GG002
peak.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
