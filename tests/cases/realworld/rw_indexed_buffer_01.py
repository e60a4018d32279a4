# case: forward writes b[i] = b[i] + 1 in a loop while torch.mm(self.param, b) from the previous iteration saved b
# source: https://www.yongfengli.tk/2018/04/13/inplace-operation-in-pytorch.html
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.param = nn.Parameter(torch.randn(10, 10))

    def forward(self, a):
        y = 0
        b = torch.mm(self.param, a)
        for i in range(10):
            b[i] = b[i] + 1  # inpalce operation  # expect: GG002
            y = y + torch.mm(self.param, b)  # saver
        return y


net = Net()
y = net(torch.randn(10, 1))
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
