# case: out-of-place update assigned back to a module parameter: nn.Module refuses a plain tensor for a Parameter slot
import torch
import torch.nn as nn

torch.manual_seed(0)
lin = nn.Linear(3, 1)
lin(torch.randn(4, 3)).pow(2).mean().backward()
lin.weight = lin.weight - 0.1 * lin.weight.grad  # expect: GG009 # raises: TypeError: cannot assign 'torch.FloatTensor' as parameter 'weight'
