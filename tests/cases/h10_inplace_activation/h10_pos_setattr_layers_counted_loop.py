# case: layers registered with setattr(self, f"fc{i}", ...) in a counted loop and fetched back with getattr(self, f"fc{i}") in forward; each sigmoid output is then rectified in place by a shared nn.ReLU(inplace=True)
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(2):
            setattr(self, f"fc{i}", nn.Linear(4, 4))
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        for i in range(2):
            x = torch.sigmoid(getattr(self, f"fc{i}")(x))  # saver
            x = self.act(x)  # expect: GG002
        return x


Net()(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
