# case: a module keeps a legacy tensor, flags it as requiring grad, then zeroes it in place in __init__
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.Tensor(4, 4)
        self.w.requires_grad = True
        self.w.data.normal_()
        self.w.zero_()  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad

    def forward(self, x):
        return x @ self.w


net = Net()
