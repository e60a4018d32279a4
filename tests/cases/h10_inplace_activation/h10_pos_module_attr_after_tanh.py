# case: module attribute self.act = nn.ReLU(inplace=True) wrapped directly around torch.tanh(...) in a conv block's forward
import torch
import torch.nn as nn


class TanhConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.act = nn.ReLU(inplace=True)
        self.head = nn.Conv2d(4, 1, 1)

    def forward(self, x):
        x = self.act(torch.tanh(self.conv(x)))  # expect: GG002 # saver
        return self.head(x)


torch.manual_seed(0)
model = TanhConv()
opt = torch.optim.SGD(model.parameters(), lr=0.01)
opt.zero_grad()
model(torch.randn(2, 3, 5, 5)).mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
