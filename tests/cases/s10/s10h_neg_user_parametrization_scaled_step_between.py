# case: the same two backwards around an optimizer step, with the Linear's weight parametrized as twice its original: a product with a number keeps nothing for backward, the step changes nothing saved and both backwards run
import torch
import torch.nn as nn
from torch.nn.utils import parametrize


class Doubled(nn.Module):
    def forward(self, raw):
        return raw * 2.0


torch.manual_seed(0)
layer = nn.Linear(4, 3)
parametrize.register_parametrization(layer, "weight", Doubled())
opt = torch.optim.Adam(layer.parameters(), lr=0.01)
batch = torch.randn(5, 4)
scores = layer(batch)
first = scores.sum()
second = scores.pow(2).sum()
first.backward(retain_graph=True)
opt.step()
second.backward()
print(round(first.item(), 4))
