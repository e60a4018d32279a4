# case: clean twin: the same setattr/getattr-registered layers, the shared activation is nn.ReLU() (not in place), so the saved sigmoid outputs stay as they were
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(2):
            setattr(self, f"fc{i}", nn.Linear(4, 4))
        self.act = nn.ReLU()

    def forward(self, x):
        for i in range(2):
            x = torch.sigmoid(getattr(self, f"fc{i}")(x))
            x = self.act(x)
        return x


Net()(torch.randn(2, 4)).sum().backward()
