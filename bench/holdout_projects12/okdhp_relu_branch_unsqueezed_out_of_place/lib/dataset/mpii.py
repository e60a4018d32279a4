import numpy as np
import torch
from torch.utils.data import Dataset


class MPIIDataset(Dataset):
    """Stand-in for MPII: random images with random target heatmaps and joint weights."""

    def __init__(self, cfg, root, image_set, is_train, transform=None):
        self.num_joints = cfg.MODEL.NUM_JOINTS
        self.image_size = cfg.MODEL.IMAGE_SIZE
        self.heatmap_size = cfg.MODEL.HEATMAP_SIZE
        rng = np.random.RandomState(0 if is_train else 1)
        n = 4 if is_train else 2
        self.images = rng.rand(n, 3, self.image_size[1], self.image_size[0]).astype(np.float32)
        self.targets = rng.rand(n, self.num_joints, self.heatmap_size[1], self.heatmap_size[0]).astype(np.float32)
        self.weights = (rng.rand(n, self.num_joints, 1) > 0.2).astype(np.float32)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        meta = {'index': idx}
        return (torch.from_numpy(self.images[idx]), torch.from_numpy(self.targets[idx]),
                torch.from_numpy(self.weights[idx]), meta)
