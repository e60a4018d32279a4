# case: a full backward hook on a Linear layer is registered and its handle removed before training (`handle.remove()`); the in-place ReLU on the layer's output then modifies an ordinary tensor, and the backward runs
import torch
import torch.nn.functional as F
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)
        self.out = nn.Linear(8, 1)

    def forward(self, x):
        return self.out(F.relu(self.fc(x), inplace=True))


torch.manual_seed(0)
net = Net()
handle = net.fc.register_full_backward_hook(lambda m, gi, go: None)
handle.remove()
loss = net(torch.randn(3, 4)).pow(2).mean()
loss.backward()
