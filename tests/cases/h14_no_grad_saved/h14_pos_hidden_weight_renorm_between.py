# case: max-norm constraint on a hidden layer's weight applied under no_grad before backward; that Linear saved its weight
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 8)
        self.fc2 = nn.Linear(8, 1)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))  # saver


torch.manual_seed(0)
net = Net()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
opt.zero_grad()
loss = net(torch.randn(6, 3)).pow(2).mean()
with torch.no_grad():
    net.fc2.weight.div_(net.fc2.weight.norm().clamp(min=1.0))  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
