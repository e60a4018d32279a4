import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        y = torch.sigmoid(self.fc(x))
        return self.act(y)


net = Net()
net(torch.randn(2, 4)).sum().backward()
