import torch
from torch.utils.data import DataLoader, Dataset


class SyntheticKITTIObject(Dataset):
    """Random images with a static top-view layout and an unpaired 'discr' layout (stand-in for KITTI)."""

    def __init__(self, n=4, height=32, width=32, occ=32):
        g = torch.Generator().manual_seed(0)
        self.color = torch.rand(n, 3, height, width, generator=g)
        self.static = (torch.rand(n, occ, occ, generator=g) > 0.5).long()
        self.discr = torch.rand(n, 2, occ, occ, generator=g)

    def __len__(self):
        return self.color.shape[0]

    def __getitem__(self, i):
        return {"color": self.color[i], "static": self.static[i], "discr": self.discr[i]}


def make_loader(batch_size):
    return DataLoader(SyntheticKITTIObject(), batch_size=batch_size, shuffle=False, drop_last=True)
