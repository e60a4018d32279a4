"""LSP stand-in: random crops with 2d keypoints (x, y, visibility)."""

import torch
from torch.utils.data import Dataset


class LspLoader(Dataset):
    def __init__(self, crop_size, joint_count, length=8, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.images = torch.randn(length, 3, crop_size, crop_size, generator=g)
        kp = torch.rand(length, joint_count, 2, generator=g) * 2 - 1
        self.kp_2d = torch.cat([kp, torch.ones(length, joint_count, 1)], 2)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return {"image": self.images[index], "kp_2d": self.kp_2d[index]}
