# case: __init__ flips m.inplace = True on every nn.Dropout found by self.modules(); the dropout then overwrites a relu output
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.drop = nn.Dropout(0.1)
        self.act = F.relu
        for m in self.modules():
            if isinstance(m, nn.Dropout):
                m.inplace = True

    def forward(self, x):
        hidden = self.act(self.fc(x))  # saver
        return self.drop(hidden)  # expect: GG002


torch.manual_seed(0)
out = Block()(torch.randn(2, 4))
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
