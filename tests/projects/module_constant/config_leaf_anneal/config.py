import torch

TEMPERATURE = torch.ones(3, requires_grad=True)
DECAY = 0.9
