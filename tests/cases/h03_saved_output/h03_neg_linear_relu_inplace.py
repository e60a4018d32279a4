# case: ReLU(inplace=True) after Linear (which does not save its output) in a module
import torch
import torch.nn as nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 8)
        self.act = nn.ReLU(inplace=True)
        self.fc2 = nn.Linear(8, 1)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


net = MLP()
net(torch.randn(4, 3)).sum().backward()
print(net.fc1.weight.grad.shape)
