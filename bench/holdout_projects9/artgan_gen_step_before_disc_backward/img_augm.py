import numpy as np


class Augmentor:
    """Random crop and a small brightness jitter (stand-in for the HSV augmentations)."""

    def __init__(self, crop_size, vertical_flip_prb=0.0, value_augm_shift=0.05, seed=0):
        self.crop_size = crop_size
        self.vertical_flip_prb = vertical_flip_prb
        self.value_augm_shift = value_augm_shift
        self.rng = np.random.default_rng(seed)

    def __call__(self, image):
        h, w = self.crop_size
        top = self.rng.integers(0, image.shape[0] - h + 1)
        left = self.rng.integers(0, image.shape[1] - w + 1)
        image = image[top:top + h, left:left + w]
        if self.rng.random() < self.vertical_flip_prb:
            image = image[::-1]
        shift = self.rng.uniform(-self.value_augm_shift, self.value_augm_shift) * 255.0
        return np.clip(image + shift, 0.0, 255.0)
