# source: https://github.com/d2l-ai/d2l-en/pull/2600
# case: the PR's MyLinear: forward uses `self.weight` and `self.bias` (not their `.data`), so a small Sequential of custom layers trains; F.relu is out of place
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_units, units))
        self.bias = nn.Parameter(torch.randn(units))

    def forward(self, X):
        linear = torch.matmul(X, self.weight) + self.bias
        return F.relu(linear)


net = nn.Sequential(MyLinear(8, 4), MyLinear(4, 1))
trainer = torch.optim.SGD(net.parameters(), lr=0.01)
X, y = torch.rand(3, 8), torch.rand(3, 1)
for _ in range(2):
    loss = F.mse_loss(net(X), y)
    trainer.zero_grad()
    loss.backward()
    trainer.step()
