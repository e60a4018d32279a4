# case: the weights of a model's Linear layers are picked by a filtered list comprehension over the nn.Sequential and rescaled in place with grad mode on: each is a leaf that requires grad
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
weights = [m.weight for m in model if isinstance(m, nn.Linear)]
for w in weights:
    w.mul_(0.5)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
