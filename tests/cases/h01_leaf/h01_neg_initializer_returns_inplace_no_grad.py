# case: the same initializer returning its in-place fill from inside `with torch.no_grad():` (as torch.nn.init does): the weight is filled and stays a leaf that trains
import math

import torch
import torch.nn as nn

torch.manual_seed(0)


def scaled_uniform(tensor, gain=1.0):
    bound = gain * math.sqrt(3.0 / tensor.size(-1))
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)


layer = nn.Linear(4, 3)
scaled_uniform(layer.weight)
loss = layer(torch.randn(2, 4)).pow(2).sum()
print("loss", loss.item())
loss.backward()
