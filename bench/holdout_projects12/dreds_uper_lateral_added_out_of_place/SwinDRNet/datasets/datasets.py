import numpy as np
import torch
from torch.utils.data import Dataset


class SwinDRNetDataset(Dataset):
    """Stand-in for DREDS: random RGB images, simulated (noisy) depth and the synthetic ground truth
    depth, with instance masks."""

    def __init__(self, root, img_size=64, n=4, seed=0):
        rng = np.random.RandomState(seed)
        self.rgb = rng.rand(n, 3, img_size, img_size).astype(np.float32)
        self.syn_depth = (0.5 + rng.rand(n, 1, img_size, img_size)).astype(np.float32)
        self.sim_depth = self.syn_depth + 0.05 * rng.randn(n, 1, img_size, img_size).astype(np.float32)
        self.ins_mask = (rng.rand(n, 1, img_size, img_size) > 0.5).astype(np.float32)

    def __len__(self):
        return len(self.rgb)

    def __getitem__(self, i):
        return {'rgb': torch.from_numpy(self.rgb[i]),
                'sim_depth': torch.from_numpy(self.sim_depth[i]),
                'syn_depth': torch.from_numpy(self.syn_depth[i]),
                'ins_mask': torch.from_numpy(self.ins_mask[i])}
