import numpy as np
import torch
from torch.utils.data import Dataset


class CelebData(Dataset):
    """Pairs of relit faces of one person with their spherical-harmonics lighting.

    The repository reads CelebA-HQ folders (five relit images and light files each); this copy makes
    random grey images and lighting coefficients of the same shapes.
    """

    def __init__(self, root_dir, max_data, size=32):
        rng = np.random.RandomState(0)
        self.images = rng.rand(max_data, 5, size, size).astype(np.float32)
        self.lights = (rng.randn(max_data, 5, 9) * 0.7).astype(np.float32)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        pair = np.random.choice(5, 2)

        I_s = get_image(self.images[idx, pair[0]])
        I_t = get_image(self.images[idx, pair[1]])
        L_s = get_lighting(self.lights[idx, pair[0]])
        L_t = get_lighting(self.lights[idx, pair[1]])

        return I_s, I_t, L_s, L_t


def get_image(inputL):
    inputL = inputL[None, None, ...]
    return torch.from_numpy(inputL)


def get_lighting(sh):
    sh = sh[0:9]
    sh = np.reshape(sh, (1, 9, 1, 1)).astype(np.float32)
    return torch.from_numpy(sh)
