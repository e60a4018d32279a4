"""Samples states uniformly and labels them goal / safe / unsafe."""
import torch
from torch.utils.data import DataLoader, TensorDataset


class EpisodicDataModule:
    def __init__(self, model, initial_domain, fixed_samples=32, batch_size=16, seed=0):
        self.model = model
        self.initial_domain = initial_domain
        self.fixed_samples = fixed_samples
        self.batch_size = batch_size
        self.seed = seed

    def prepare_data(self):
        gen = torch.Generator().manual_seed(self.seed)
        lows = torch.tensor([lo for lo, _ in self.initial_domain])
        highs = torch.tensor([hi for _, hi in self.initial_domain])
        x = lows + torch.rand(self.fixed_samples, len(self.initial_domain), generator=gen) * (highs - lows)
        self.x_training = x
        self.goal_mask = self.model.goal_mask(x)
        self.safe_mask = self.model.safe_mask(x)
        self.unsafe_mask = self.model.unsafe_mask(x)

    def setup(self, stage=None):
        self.training_data = TensorDataset(self.x_training, self.goal_mask, self.safe_mask, self.unsafe_mask)

    def train_dataloader(self):
        return DataLoader(self.training_data, batch_size=self.batch_size, shuffle=False)
