# case: a subclass runs its base's constructor the old way (`Base.__init__(self, cfg)`), which builds the activation from the config, here `inplace=False`: the ReLU after the sigmoid makes a new tensor and what sigmoid saved is untouched
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
        return self.act(torch.sigmoid(self.fc(x)))


net = Net({"inplace": False})
net(torch.randn(3, 4)).sum().backward()
