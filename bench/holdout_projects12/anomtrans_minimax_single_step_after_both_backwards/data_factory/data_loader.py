import numpy as np
import torch
from torch.utils.data import DataLoader


class SMDSegLoader(object):
    """Stand-in for the SMD machine traces: a random multivariate series with a few labelled
    anomalies, cut into windows."""

    def __init__(self, data_path, win_size, step, mode="train", n_features=6):
        self.mode = mode
        self.step = step
        self.win_size = win_size
        rng = np.random.RandomState({"train": 0, "val": 1, "test": 2, "thre": 3}[mode])
        length = 4 * win_size
        self.data = rng.randn(length, n_features).astype(np.float32)
        self.labels = (rng.rand(length) > 0.95).astype(np.float32)

    def __len__(self):
        return (self.data.shape[0] - self.win_size) // self.step + 1

    def __getitem__(self, index):
        index = index * self.step
        return np.float32(self.data[index:index + self.win_size]), np.float32(self.labels[index:index + self.win_size])


def get_loader_segment(data_path, batch_size, win_size=100, step=100, mode='train', dataset='KDD'):
    if (dataset == 'SMD'):
        dataset = SMDSegLoader(data_path, win_size, step, mode)
    else:
        raise ValueError(dataset)

    shuffle = False
    if mode == 'train':
        shuffle = True

    data_loader = DataLoader(dataset=dataset,
                             batch_size=batch_size,
                             shuffle=shuffle,
                             num_workers=0)
    return data_loader
