# case: a Linear whose weight is registered as the elementwise square of its original (torch.nn.utils.parametrize.register_parametrization with a user module); the square keeps the original for backward at every forward, so an optimizer step between two backwards through one forward makes the second fail
import torch
import torch.nn as nn
from torch.nn.utils import parametrize


class Squared(nn.Module):
    def forward(self, raw):
        return raw * raw  # saver


torch.manual_seed(0)
layer = nn.Linear(4, 3)
parametrize.register_parametrization(layer, "weight", Squared())
opt = torch.optim.Adam(layer.parameters(), lr=0.01)
batch = torch.randn(5, 4)
scores = layer(batch)
first = scores.sum()
second = scores.pow(2).sum()
first.backward(retain_graph=True)
opt.step()  # expect: GG002
second.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(first.item(), 4))
