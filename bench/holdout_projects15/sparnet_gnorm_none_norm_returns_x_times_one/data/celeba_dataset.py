import torch
import torch.nn.functional as F
from torch.utils.data import Dataset


class CelebADataset(Dataset):
    """Random stand-in for aligned CelebA faces: HR images and their bicubic-downsampled LR inputs."""

    def __init__(self, opt, length=8):
        self.opt = opt
        self.length = length
        gen = torch.Generator().manual_seed(opt.seed)
        self.hr = torch.rand(length, 3, opt.load_size, opt.load_size, generator=gen) * 2 - 1

    def __len__(self):
        return self.length

    def __getitem__(self, idx):
        hr = self.hr[idx]
        lr = F.interpolate(hr[None], scale_factor=0.25, mode="bicubic", align_corners=False)
        lr = F.interpolate(lr, size=hr.shape[-2:], mode="bicubic", align_corners=False)[0]
        return {"HR": hr, "LR": lr, "HR_paths": f"synthetic_{idx:03d}.png"}
