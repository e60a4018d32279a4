# case: an initializer helper ends with `return tensor.uniform_(-bound, bound)` and is applied to a layer's weight with grad mode on: in-place on a leaf that requires grad
import math

import torch
import torch.nn as nn

torch.manual_seed(0)


def scaled_uniform(tensor, gain=1.0):
    bound = gain * math.sqrt(3.0 / tensor.size(-1))
    return tensor.uniform_(-bound, bound)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


layer = nn.Linear(4, 3)
scaled_uniform(layer.weight)
loss = layer(torch.randn(2, 4)).pow(2).sum()
print("loss", loss.item())
loss.backward()
