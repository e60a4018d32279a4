# source: https://github.com/pytorch/pytorch/pull/32839
# case: a magnitude pruner caches a flat view of the layer weight (and the indices to prune) under `torch.no_grad()` in its constructor; `apply()` later zeroes the entries through that view with grad mode on
import torch
import torch.nn as nn

torch.manual_seed(0)


class MagnitudePruner:
    def __init__(self, layer, amount=0.25):
        with torch.no_grad():
            self.flat = layer.weight.view(-1)
            k = int(self.flat.numel() * amount)
            self.idx = self.flat.abs().argsort()[:k]

    def apply(self):
        self.flat[self.idx] = 0.0  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled


model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
pruners = [MagnitudePruner(m) for m in model if isinstance(m, nn.Linear)]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(2):
    loss = model(torch.randn(3, 4)).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    for p in pruners:
        p.apply()
