"""MoSh stand-in: real SMPL parameter vectors for the adversarial prior."""

import torch
from torch.utils.data import Dataset


class mosh_dataloader(Dataset):
    def __init__(self, theta_count, length=16, seed=2):
        g = torch.Generator().manual_seed(seed)
        self.theta = 0.3 * torch.randn(length, theta_count, generator=g)

    def __len__(self):
        return len(self.theta)

    def __getitem__(self, index):
        return {"theta": self.theta[index]}
