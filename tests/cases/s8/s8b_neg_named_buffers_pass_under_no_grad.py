# case: the same calibration pass over `named_buffers()` run under torch.no_grad(), as such passes usually are: writing the grad-requiring buffer in place is then allowed
import torch
import torch.nn as nn


class Normaliser(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n).requires_grad_(True))
        self.register_buffer("count", torch.zeros((), dtype=torch.long))

    def forward(self, x):
        return x - self.mean


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = Normaliser(4)
        self.bn = nn.BatchNorm1d(4)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.bn(self.norm(x)))


def shift_buffers(model, delta):
    with torch.no_grad():
        for name, buf in model.named_buffers():
            if buf.is_floating_point():
                buf.add_(delta)
    return model


torch.manual_seed(0)
model = shift_buffers(Model(), 0.1)
print(model(torch.randn(3, 4)).sum().item())
