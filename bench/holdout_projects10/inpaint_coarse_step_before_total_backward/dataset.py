import numpy as np
import torch
from torch.utils.data import Dataset

ALLMASKTYPES = ["single_bbox", "bbox", "free_form"]


class InpaintDataset(Dataset):
    """Random images with free-form stroke masks (stand-in for the image folder)."""

    def __init__(self, opt):
        assert opt.mask_type in ALLMASKTYPES
        self.opt = opt
        rng = np.random.RandomState(0)
        self.images = rng.rand(opt.num_images, opt.imgsize, opt.imgsize, 3).astype(np.float32)
        self.rng = rng

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        img = self.images[index]
        mask = self.generate_stroke_mask([self.opt.imgsize, self.opt.imgsize])
        img = torch.from_numpy(img).permute(2, 0, 1).contiguous()
        mask = torch.from_numpy(mask.astype(np.float32)).permute(2, 0, 1).contiguous()
        return img, mask

    def generate_stroke_mask(self, im_size, parts=3, max_vertex=4, max_brush=4):
        h, w = im_size
        mask = np.zeros((h, w, 1), dtype=np.float32)
        for _ in range(parts):
            y, x = self.rng.randint(h), self.rng.randint(w)
            for _ in range(self.rng.randint(1, max_vertex + 1)):
                half = self.rng.randint(1, max_brush + 1) // 2 + 1
                mask[max(0, y - half) : y + half, max(0, x - half) : x + half] = 1.0
                y = int(np.clip(y + self.rng.randint(-4, 5), 0, h - 1))
                x = int(np.clip(x + self.rng.randint(-4, 5), 0, w - 1))
        return np.minimum(mask, 1.0)
