"""Random stand-ins for the Places365 content images and the artist's paintings."""
import numpy as np


class _ImageDataset:
    def __init__(self, path, n_images=6, size=20, seed=0):
        rng = np.random.default_rng(seed)
        self.path = path
        self.images = rng.uniform(0.0, 255.0, size=(n_images, size, size, 3)).astype(np.float32)
        self.rng = rng

    def get_batch(self, augmentor, batch_size=1):
        idx = self.rng.integers(0, len(self.images), size=batch_size)
        return {"image": np.stack([augmentor(self.images[i]) for i in idx]).astype(np.float32)}


class PlacesDataset(_ImageDataset):
    def __init__(self, path):
        super().__init__(path, seed=1)


class ArtDataset(_ImageDataset):
    def __init__(self, path):
        super().__init__(path, seed=2)
