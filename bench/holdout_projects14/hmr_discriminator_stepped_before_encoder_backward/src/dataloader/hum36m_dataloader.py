"""Human3.6M stand-in: crops with 2d and 3d keypoints and ground-truth SMPL thetas."""

import torch
from torch.utils.data import Dataset


class hum36m_dataloader(Dataset):
    def __init__(self, crop_size, joint_count, theta_count, length=8, seed=1):
        g = torch.Generator().manual_seed(seed)
        self.images = torch.randn(length, 3, crop_size, crop_size, generator=g)
        kp = torch.rand(length, joint_count, 2, generator=g) * 2 - 1
        self.kp_2d = torch.cat([kp, torch.ones(length, joint_count, 1)], 2)
        self.kp_3d = torch.randn(length, joint_count, 3, generator=g)
        self.theta = 0.3 * torch.randn(length, theta_count, generator=g)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return {
            "image": self.images[index],
            "kp_2d": self.kp_2d[index],
            "kp_3d": self.kp_3d[index],
            "theta": self.theta[index],
            "w_smpl": 1.0,
            "w_3d": 1.0,
        }
