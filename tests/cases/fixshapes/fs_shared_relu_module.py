# case: one `nn.ReLU(inplace=True)` attribute used twice in forward, once after a sigmoid (which saved its output)
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 4)
        self.fc2 = nn.Linear(4, 4)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.relu(self.fc1(x))
        x = torch.sigmoid(self.fc2(x))  # saver
        return self.relu(x)  # expect: GG002


net = Net()
net(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(net.fc1.weight.grad.shape)
