import random

import torch


class RandomTextLines(torch.utils.data.Dataset):
    """Stand-in for the LMDB text-line dataset: random grey images with random labels."""

    def __init__(self, n, character, imgH, imgW, max_len=4, seed=0):
        rng = random.Random(seed)
        generator = torch.Generator().manual_seed(seed)
        self.images = torch.rand(n, 1, imgH, imgW, generator=generator)
        self.labels = ["".join(rng.choice(character) for _ in range(rng.randint(1, max_len))) for _ in range(n)]

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.images[index], self.labels[index]


class AlignCollate(object):
    def __init__(self, imgH=32, imgW=100):
        self.imgH = imgH
        self.imgW = imgW

    def __call__(self, batch):
        images, labels = zip(*batch)
        image_tensors = torch.stack(images) * 2 - 1  # normalise to [-1, 1]
        return image_tensors, list(labels)
