# case: a layer added with add_module is reached by index (`module_list[-1][0].bias`); writing into a slice of that bias Parameter is an in-place op on a view of a leaf
import torch
import torch.nn as nn

module_list = nn.ModuleList()
for i in range(2):
    block = nn.Sequential()
    block.add_module("conv", nn.Conv2d(3, 6, 1))
    block.add_module("act", nn.ReLU())
    module_list.append(block)
bias = module_list[-1][0].bias
bias[:3] += 0.5  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
