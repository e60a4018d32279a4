# case: two nets chained: pred_n1 = n_1(x) feeds n_2; n_1 is stepped (Adam) after loss_n1.backward(retain_graph=True), then loss_n2.backward() runs back through n_1's graph whose weights changed
# source: https://e-com-net.com/article/1605020399454683136.htm
import torch
from torch import nn as nn
from torch import optim
from torch.nn import functional as F


class Net_1(nn.Module):
    def __init__(self):
        super(Net_1, self).__init__()
        self.linear_1 = nn.Linear(1, 10)
        self.linear_2 = nn.Linear(10, 1)

    def forward(self, x):
        x = self.linear_1(x)
        x = F.relu(x)
        x = self.linear_2(x)  # saver
        return x


class Net_2(nn.Module):
    def __init__(self):
        super(Net_2, self).__init__()
        self.linear_1 = nn.Linear(1, 10)
        self.linear_2 = nn.Linear(10, 1)

    def forward(self, x):
        x = self.linear_1(x)
        x = F.relu(x)
        x = self.linear_2(x)
        return x


n_1 = Net_1()
n_2 = Net_2()
optimizer_n1 = optim.Adam(n_1.parameters(), lr=0.001)
optimizer_n2 = optim.Adam(n_2.parameters(), lr=0.001)
criterion = nn.MSELoss()

for i in range(2):
    x = torch.randn(10, 1).float()
    y = 2 * x
    pred_n1 = n_1(x)
    optimizer_n1.zero_grad()
    loss_n1 = criterion(y, pred_n1)
    loss_n1.backward(retain_graph=True)
    optimizer_n1.step()  # expect: GG002
    pred_n2 = n_2(pred_n1)
    optimizer_n2.zero_grad()
    loss_n2 = criterion(y, pred_n2)
    loss_n2.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer_n2.step()
