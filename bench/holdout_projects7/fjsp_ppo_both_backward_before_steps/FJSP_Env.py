import numpy as np
import torch


class FJSP:
    """Tiny stand-in for the flexible job-shop environment: random features, a chain adjacency per job."""

    def __init__(self, n_j, n_m, batch_size, seed=0):
        self.n_j, self.n_m, self.batch_size = n_j, n_m, batch_size
        self.n_ops = n_j * n_m
        self.rng = np.random.RandomState(seed)

    def reset(self):
        adj = torch.eye(self.n_ops * self.batch_size)
        for k in range(self.n_ops * self.batch_size - 1):
            if (k + 1) % self.n_m:
                adj[k + 1, k] = 1.0
        fea = torch.from_numpy(self.rng.rand(self.batch_size * self.n_ops, 2)).float()
        candidate = torch.arange(0, self.n_ops, self.n_m).repeat(self.batch_size, 1)
        mask = torch.zeros(self.batch_size, self.n_j, dtype=torch.bool)
        mch_time = torch.from_numpy(self.rng.rand(self.batch_size, self.n_m)).float()
        return adj, fea, candidate, mask, mch_time

    def step(self, action, mch):
        reward = -torch.from_numpy(self.rng.rand(self.batch_size)).float()
        done = torch.zeros(self.batch_size, dtype=torch.bool)
        return reward, done
