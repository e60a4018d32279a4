import numpy as np
import torch


class Spineweb(torch.utils.data.Dataset):
    """Stand-in for the SpineWeb CT slices: random 16x16 slices with and without artifacts."""

    def __init__(self, a_dir="data/spineweb/train/artifact", b_dir="data/spineweb/train/no_artifact",
        random_flip=False, a_range=(-1000.0, 2000.0), b_range=(-1000.0, 2000.0)):
        super(Spineweb, self).__init__()
        rng = np.random.RandomState(0)
        self.a_files = [rng.uniform(-1000.0, 2000.0, (16, 16)).astype(np.float32) for _ in range(4)]
        self.b_files = [rng.uniform(-1000.0, 2000.0, (16, 16)).astype(np.float32) for _ in range(4)]

        self.random_flip = random_flip
        self.a_range = a_range
        self.b_range = b_range

    def __len__(self):
        return len(self.a_files)

    def normalize(self, data, minmax):
        data_min, data_max = minmax
        data = np.clip(data, data_min, data_max)
        data = (data - data_min) / (data_max - data_min)
        data = data * 2.0 - 1.0
        return data

    def to_tensor(self, data, minmax):
        if self.random_flip and np.random.rand() > 0.5: data = data[:, ::-1]
        if data.ndim == 2: data = data[np.newaxis, ...]
        data = self.normalize(data, minmax)
        data = torch.FloatTensor(data.copy())
        return data

    def to_numpy(self, data, minmax=()):
        data = data.detach().cpu().numpy()
        return data.squeeze()

    def __getitem__(self, index):
        a = self.a_files[index]
        b = self.b_files[np.random.randint(len(self.b_files))]
        a = self.to_tensor(a, self.a_range)
        b = self.to_tensor(b, self.b_range)
        return {"data_name": str(index), "a": a, "b": b}
