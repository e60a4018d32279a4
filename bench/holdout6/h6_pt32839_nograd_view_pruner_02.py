# source: https://github.com/pytorch/pytorch/pull/32839
# case: what the error message asks for: `apply()` also runs its write under `torch.no_grad()`, so the view and the in-place write are both outside autograd
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
        with torch.no_grad():
            self.flat[self.idx] = 0.0


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
