# case: weight surgery on a layer, three adjacent in-place writes to parameters with grad mode on: each raises; one `with torch.no_grad():` around the run fixes all three
import torch
import torch.nn as nn

lin = nn.Linear(4, 4)
lin.weight.mul_(0.5)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
lin.weight.add_(0.1)  # expect: GG001
lin.bias.zero_()  # expect: GG001
x = torch.randn(2, 4)
lin(x).sum().backward()
