# case: clean twin: the question's own version, normalising through self.v.data (rebinding .data, no autograd record)
# source: https://coderapp.vercel.app/answer/74020337
import torch
import torch.nn as nn


class myNetwork(nn.Module):
    def __init__(self, initial_vector):
        super(myNetwork, self).__init__()
        self.v = nn.Parameter(initial_vector)

    def forward(self, x):
        self.v.data = self.v.data / torch.sqrt(self.v.data.transpose(1, 0) @ self.v.data)
        out = x @ self.v
        return out


net = myNetwork(torch.randn(4, 1))
out = net(torch.randn(2, 4))
out.sum().backward()
