import numpy as np
from torch.utils.data import Dataset

NUM_CLASS = 4  # 40 in ModelNet40


class ModelNetDataLoader(Dataset):
    """Stand-in for the ModelNet40 h5 files: random point clouds with a label."""

    def __init__(self, opts, partition='train'):
        self.npoints = opts.num_points
        self.partition = partition
        rng = np.random.RandomState(0 if partition == 'train' else 1)
        n = 8 if partition == 'train' else 4
        self.data = rng.uniform(-1, 1, (n, self.npoints, 3)).astype('float32')
        self.label = rng.randint(0, NUM_CLASS, (n, 1)).astype('int64')

    def __getitem__(self, item):
        pointcloud = self.data[item][:self.npoints]
        label = self.label[item]
        return pointcloud, label

    def __len__(self):
        return self.data.shape[0]
