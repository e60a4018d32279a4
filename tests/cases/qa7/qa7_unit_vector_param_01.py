# case: a module keeps a vector parameter of norm 1 by dividing it in place in forward (self.v /= norm) instead of through .data
# source: https://coderapp.vercel.app/answer/74020337
import torch
import torch.nn as nn


class myNetwork(nn.Module):
    def __init__(self, initial_vector):
        super(myNetwork, self).__init__()
        self.v = nn.Parameter(initial_vector)

    def forward(self, x):
        self.v /= torch.sqrt(self.v.transpose(1, 0) @ self.v)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        out = x @ self.v
        return out


net = myNetwork(torch.randn(4, 1))
out = net(torch.randn(2, 4))
out.sum().backward()
