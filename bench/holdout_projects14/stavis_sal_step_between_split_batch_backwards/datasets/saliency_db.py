"""Synthetic stand-in for the eye-tracking video databases (DIEM, Coutrot, SumMe, ETMD, AVAD)."""

import torch
import torch.utils.data as data


class saliency_db(data.Dataset):
    def __init__(self, n_clips, sample_duration, sample_size, seed):
        g = torch.Generator().manual_seed(seed)
        self.clips = torch.randn(n_clips, 3, sample_duration, sample_size, sample_size, generator=g)
        self.salmaps = torch.rand(n_clips, 1, sample_size, sample_size, generator=g) * 255
        self.binmaps = (torch.rand(n_clips, 1, sample_size, sample_size, generator=g) > 0.9).float()

    def __len__(self):
        return len(self.clips)

    def __getitem__(self, index):
        data = {"rgb": self.clips[index], "audio": torch.zeros(1)}
        targets = {"salmap": self.salmaps[index], "binmap": self.binmaps[index]}
        valid = {"sal": torch.tensor(1.0)}
        return data, targets, valid
