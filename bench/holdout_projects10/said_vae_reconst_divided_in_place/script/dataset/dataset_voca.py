"""BlendVOCA windows of blendshape coefficients for training the VAE (stand-in: random smooth
coefficient curves instead of the BlendVOCA csv files)."""

from dataclasses import dataclass

import torch
from torch.utils.data import Dataset


@dataclass
class DataItem:
    blendshape_coeffs: torch.FloatTensor  # (sample_seq_len, x_dim)


@dataclass
class DataBatch:
    blendshape_coeffs: torch.FloatTensor  # (Batch_size, sample_seq_len, x_dim)


class BlendVOCAVAEDataset(Dataset):
    def __init__(self, blendshape_coeffs_dir, dataset_type="train", window_size=12, x_dim=4, seed=0):
        self.blendshape_coeffs_dir = blendshape_coeffs_dir
        self.dataset_type = dataset_type
        num_windows = 16 if dataset_type == "train" else 4
        generator = torch.Generator().manual_seed(seed if dataset_type == "train" else seed + 1)
        phase = torch.rand(num_windows, 1, x_dim, generator=generator) * 6.28
        t = torch.linspace(0, 3.14, window_size).view(1, -1, 1)
        self.windows = 0.5 + 0.4 * torch.sin(t + phase)

    def __len__(self):
        return len(self.windows)

    def __getitem__(self, index):
        return DataItem(blendshape_coeffs=self.windows[index].clone())

    @staticmethod
    def collate_fn(examples):
        return DataBatch(blendshape_coeffs=torch.stack([item.blendshape_coeffs for item in examples]))
