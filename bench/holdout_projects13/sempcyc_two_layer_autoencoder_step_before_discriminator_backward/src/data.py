#!/usr/bin/python3
# -*- coding: utf-8 -*-

import numpy as np
import torch
import torch.utils.data as data


class DataGeneratorPaired(data.Dataset):
    """Sketch/photo pairs of one class (random tensors here instead of the Sketchy files)."""

    def __init__(self, dataset, clss, size=16, n_items=24, seed=0):
        self.dataset = dataset
        rng = np.random.RandomState(seed)
        self.clss = [clss[i % len(clss)] for i in range(n_items)]
        self.sketches = torch.from_numpy(rng.rand(n_items, 3, size, size).astype(np.float32))
        self.images = torch.from_numpy(rng.rand(n_items, 3, size, size).astype(np.float32))

    def __getitem__(self, item):
        return self.sketches[item], self.images[item], self.clss[item]

    def __len__(self):
        return len(self.clss)

    def get_weights(self):
        weights = np.zeros(len(self.clss))
        uniq_clss = np.unique(self.clss)
        for cls in uniq_clss:
            idx = np.where(np.array(self.clss) == cls)[0]
            weights[idx] = 1 / idx.shape[0]
        return weights


class DataGeneratorSketch(data.Dataset):
    def __init__(self, dataset, clss, size=16, n_items=8, seed=1):
        rng = np.random.RandomState(seed)
        self.clss = [clss[i % len(clss)] for i in range(n_items)]
        self.sketches = torch.from_numpy(rng.rand(n_items, 3, size, size).astype(np.float32))

    def __getitem__(self, item):
        return self.sketches[item], self.clss[item]

    def __len__(self):
        return len(self.clss)


class DataGeneratorImage(data.Dataset):
    def __init__(self, dataset, clss, size=16, n_items=8, seed=2):
        rng = np.random.RandomState(seed)
        self.clss = [clss[i % len(clss)] for i in range(n_items)]
        self.images = torch.from_numpy(rng.rand(n_items, 3, size, size).astype(np.float32))

    def __getitem__(self, item):
        return self.images[item], self.clss[item]

    def __len__(self):
        return len(self.clss)
