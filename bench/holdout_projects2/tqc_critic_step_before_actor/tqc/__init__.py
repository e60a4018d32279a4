import torch

DEVICE = torch.device("cpu")
