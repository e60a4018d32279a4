# %% setup
import torch

x = torch.randn(3, requires_grad=True)

# %% the bug
y = torch.sigmoid(x)
y.mul_(2)
y.sum().backward()
