import random

import torch


class GaussianNoise(object):
    """Stand-in for the GaussianBlur augmentation of SimCLR: additive noise with a random sigma."""

    def __init__(self, sigma=(0.1, 2.0)):
        self.sigma = sigma

    def __call__(self, x):
        sigma = random.uniform(self.sigma[0], self.sigma[1])
        return x + 0.05 * sigma * torch.randn_like(x)


class RandomHorizontalFlip(object):
    def __call__(self, x):
        return x.flip(-1) if random.random() < 0.5 else x


class Compose(object):
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, x):
        for t in self.transforms:
            x = t(x)
        return x


class TwoCropsTransform:
    """Take two random crops of one image as the query and key."""

    def __init__(self, base_transform):
        self.base_transform = base_transform

    def __call__(self, x):
        q = self.base_transform(x)
        k = self.base_transform(x)
        return [q, k]


class RandomImages(torch.utils.data.Dataset):
    """Stand-in for datasets.ImageFolder(traindir, TwoCropsTransform(...))."""

    def __init__(self, n, size, transform):
        generator = torch.Generator().manual_seed(1)
        self.images = torch.rand(n, 3, size, size, generator=generator)
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.transform(self.images[index]), 0
