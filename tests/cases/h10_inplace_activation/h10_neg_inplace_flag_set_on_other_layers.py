# case: the loop flips inplace only on nn.ReLU layers, and the model has none: the dropout stays out of place
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
            if isinstance(m, nn.ReLU):
                m.inplace = True

    def forward(self, x):
        hidden = self.act(self.fc(x))
        return self.drop(hidden)


torch.manual_seed(0)
out = Block()(torch.randn(2, 4))
out.sum().backward()
