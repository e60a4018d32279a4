# case: nn.Sequential(ReLU(), ReLU(inplace=True)): the second ReLU overwrites the first ReLU's saved output
import torch
import torch.nn as nn

x = torch.randn(3, requires_grad=True)
m = nn.Sequential(
    nn.ReLU(),  # saver
    nn.ReLU(inplace=True),  # expect: GG002
)
m(x).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
