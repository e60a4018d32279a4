# case: F.relu_ and F.relu(inplace=True) on Linear outputs in forward
import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 8)
        self.fc3 = nn.Linear(8, 1)

    def forward(self, x):
        x = F.relu_(self.fc1(x))
        x = F.relu(self.fc2(x), inplace=True)
        return self.fc3(x)


torch.manual_seed(0)
net = MLP()
net(torch.randn(3, 4)).sum().backward()
print("ok", net.fc1.weight.grad.shape)
