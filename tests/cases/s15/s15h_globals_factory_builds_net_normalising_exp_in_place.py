# case: `create_model(arch, **kwargs)` calls the architecture function of its module by name (`globals()[arch](**kwargs)`); the network built normalises its `exp` weights in place, and exp saved its output for backward
import torch
import torch.nn as nn


class AttentionPool(nn.Module):
    def __init__(self, dim, temperature=1.0):
        super().__init__()
        self.score = nn.Linear(dim, 1)
        self.temperature = temperature

    def forward(self, x):
        w = torch.exp(self.score(x) / self.temperature)  # saver
        w.div_(w.sum(dim=1, keepdim=True))  # expect: GG002
        return (w * x).sum(dim=1)


def pool_small(dim=4):
    return AttentionPool(dim)


def pool_sharp(dim=4):
    return AttentionPool(dim, temperature=0.1)


def create_model(arch, **kwargs):
    if arch not in ("pool_small", "pool_sharp"):
        raise NameError(f"unknown architecture {arch}")
    return globals()[arch](**kwargs)


net = create_model("pool_sharp", dim=4)
net(torch.randn(2, 5, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
