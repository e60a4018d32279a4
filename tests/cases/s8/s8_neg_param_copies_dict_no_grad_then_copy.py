# case: the same dict comprehension of per-parameter copies, built under no_grad instead of inference_mode: ordinary tensors, so the later in-place sync is allowed
import torch
import torch.nn as nn


class Mirror:
    def __init__(self, module):
        self.copies = {name: p.detach().clone() for name, p in module.named_parameters()}

    def sync(self, module):
        for name, copy in self.copies.items():
            copy.copy_(dict(module.named_parameters())[name])


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
with torch.no_grad():
    mirror = Mirror(net)
mirror.sync(net)
