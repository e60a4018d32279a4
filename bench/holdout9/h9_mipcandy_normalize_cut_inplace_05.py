# source: https://github.com/ProjectNeura/MIPCandy/issues/156
# case: look-alike: the in-place `cut` is only used as post-processing of predictions: training runs the network without the Normalize layer, and the clipped prediction is produced under `torch.no_grad()` for export, so no recorded graph is modified
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
            x[x < left] = left
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
        return self.head(self.encoder(x))


def train_epoch(model, optimizer, batches):
    total = 0.0
    for noisy, clean in batches:
        optimizer.zero_grad()
        loss = F.l1_loss(model(noisy), clean)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(batches)


model = RestorationNet()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
batches = [(torch.randn(2, 1, 8, 8), torch.rand(2, 1, 8, 8)) for _ in range(2)]
print(train_epoch(model, optimizer, batches))
model.eval()
with torch.no_grad():
    prediction = model.normalize(model(batches[0][0]))
print(prediction.min().item() >= 0.0)
