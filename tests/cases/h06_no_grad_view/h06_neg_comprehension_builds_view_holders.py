# case: one helper object per Linear layer (a filtered comprehension over the nn.Sequential) caches a flat view of that layer weight made under no_grad; zeroing through the view later happens under no_grad too
import torch
import torch.nn as nn


class FlatWeight:
    def __init__(self, layer):
        with torch.no_grad():
            self.flat = layer.weight.view(-1)

    def zero_first(self):
        with torch.no_grad():
            self.flat[0] = 0.0


model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
holders = [FlatWeight(m) for m in model if isinstance(m, nn.Linear)]
for h in holders:
    h.zero_first()
