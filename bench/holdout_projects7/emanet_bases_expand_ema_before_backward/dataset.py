import torch
from torch.utils.data import Dataset


class TrainDataset(Dataset):
    """Random images and label maps standing in for VOC trainaug."""

    def __init__(self, n=4, size=8, n_classes=3):
        g = torch.Generator().manual_seed(0)
        self.images = torch.randn(n, 3, size, size, generator=g)
        self.labels = torch.randint(0, n_classes, (n, size, size), generator=g)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.images[i], self.labels[i]
