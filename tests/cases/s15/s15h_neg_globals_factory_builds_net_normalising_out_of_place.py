# case: the same factory calling its architecture function by name through globals(); the network normalises its `exp` weights out of place, so the saved output is left as it was
import torch
import torch.nn as nn


class AttentionPool(nn.Module):
    def __init__(self, dim, temperature=1.0):
        super().__init__()
        self.score = nn.Linear(dim, 1)
        self.temperature = temperature

    def forward(self, x):
        w = torch.exp(self.score(x) / self.temperature)
        w = w / w.sum(dim=1, keepdim=True)
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
net(torch.randn(2, 5, 4)).sum().backward()
