# source: https://github.com/pytorch/pytorch/issues/28017
# case: the first work-around in the issue: `x = x + residual` builds a new tensor, so the output the in-place LeakyReLU saved keeps its version and training with a changing dropout rate runs
import torch
import torch.nn as nn

torch.manual_seed(0)


class ResBlock(nn.Module):
    def __init__(self, channels, dropout):
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, 3, padding=1)
        self.bn = nn.BatchNorm1d(channels)
        self.act = nn.LeakyReLU(0.1, inplace=True)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        residual = x
        x = self.dropout(x)
        x = self.conv(x)
        x = self.bn(x)
        x = self.act(x)
        x = x + residual
        return x


class Net(nn.Module):
    def __init__(self, channels=4, n_blocks=2, dropout=0.1):
        super().__init__()
        self.stem = nn.Conv1d(1, channels, 3, padding=1)
        self.blocks = nn.Sequential(*[ResBlock(channels, dropout) for _ in range(n_blocks)])
        self.head = nn.Linear(channels, 2)

    def set_dropout(self, p):
        for m in self.modules():
            if isinstance(m, nn.Dropout):
                m.p = p

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(x.mean(dim=-1))


net = Net()
opt = torch.optim.SGD(net.parameters(), lr=0.01)
x = torch.randn(4, 1, 10)
y = torch.randint(0, 2, (4,))
for epoch in range(2):
    net.set_dropout(0.1 + 0.2 * epoch)
    loss = nn.functional.cross_entropy(net(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
