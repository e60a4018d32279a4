# case: an RNNCell's new hidden state is scaled in place (`h.mul_(0.5)`); the cell's tanh kept its output for backward
import torch
import torch.nn as nn

torch.manual_seed(0)
cell = nn.RNNCell(4, 6)
x = torch.randn(3, 4)
h = cell(x)  # saver
h.mul_(0.5)  # expect: GG002
h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
