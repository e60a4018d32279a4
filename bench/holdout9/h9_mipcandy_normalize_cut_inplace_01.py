# source: https://github.com/ProjectNeura/MIPCandy/issues/156
# case: a MIPCandy-style `Normalize` layer with method "cut" clips its input with index assignments (`x[x < left] = left`); placed after a tanh output head in a small restoration network, the write changes the tanh output that TanhBackward saved, so training fails (the "gradient flow interruption")
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Normalize(nn.Module):
    def __init__(self, *, domain, strict=False, method="linear"):
        super().__init__()
        self._domain = domain
        self._strict = strict
        if method not in ("linear", "cut"):
            raise ValueError(f"unknown method {method}")
        self._method = method

    def linear(self, x):
        left, right = self._domain
        lo, hi = x.min(), x.max()
        x = (x - lo) / (hi - lo + 1e-8)
        if left is not None and right is not None:
            x = x * (right - left) + left
        return x

    def cut(self, x):
        left, right = self._domain
        if left is not None:
            x[x < left] = left  # expect: GG002
        if right is not None:
            x[x > right] = right
        return x

    def forward(self, x):
        if self._strict and self._method == "linear" and None in self._domain:
            raise ValueError("strict linear normalisation needs both bounds")
        return self.cut(x) if self._method == "cut" else self.linear(x)


class RestorationNet(nn.Module):
    def __init__(self, channels=4):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(), nn.Conv2d(channels, channels, 3, padding=1))
        self.head = nn.Sequential(nn.Conv2d(channels, 1, 1), nn.Tanh())
        self.normalize = Normalize(domain=(0.0, None), method="cut")

    def forward(self, x):
        return self.normalize(self.head(self.encoder(x)))  # saver


def train_epoch(model, optimizer, batches):
    total = 0.0
    for noisy, clean in batches:
        optimizer.zero_grad()
        loss = F.l1_loss(model(noisy), clean)
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizer.step()
        total += loss.item()
    return total / len(batches)


model = RestorationNet()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
batches = [(torch.randn(2, 1, 8, 8), torch.rand(2, 1, 8, 8)) for _ in range(2)]
print(train_epoch(model, optimizer, batches))
