# case: a subclass runs its base's constructor the old way (`Base.__init__(self, cfg)`), which builds the activation from the config (`nn.ReLU(inplace=cfg["inplace"])`, here True); the subclass's forward applies it to a sigmoid output, which sigmoid saved for backward
import torch
import torch.nn as nn

torch.manual_seed(0)


class Base(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.act = nn.ReLU(inplace=cfg["inplace"])


class Net(Base):
    def __init__(self, cfg):
        Base.__init__(self, cfg)
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return self.act(torch.sigmoid(self.fc(x)))  # expect: GG002  # saver


net = Net({"inplace": True})
net(torch.randn(3, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
