import torch

SCALE = torch.ones(3, requires_grad=True)
