import torch
import torch.utils.data as td

import config as cfg


class VggFace2(td.Dataset):
    """stand-in for the VGGFace2 crops: smooth random 3 x size x size images in [-1, 1]"""

    def __init__(self, root, cache_root=None, train=True, max_samples=None, image_size=32, transform=None, **kwargs):
        self.root = root
        self.train = train
        self.image_size = image_size
        self.num_samples = max_samples or 16
        gen = torch.Generator().manual_seed(0 if train else 1)
        low = torch.rand(self.num_samples, 3, image_size // 4, image_size // 4, generator=gen) * 2 - 1
        self.images = torch.nn.functional.interpolate(low, size=image_size, mode='bilinear', align_corners=False)

    def __len__(self):
        return self.num_samples

    def __getitem__(self, idx):
        return {'image': self.images[idx], 'id': idx}

    def __repr__(self):
        return 'Dataset VggFace2 ({} images, {})'.format(self.num_samples, 'train' if self.train else 'val')


cfg.register_dataset(VggFace2)
