import torch

from .base import BaseRegressor


class BoundedRegressor(BaseRegressor):
    def __init__(self, bound=1.0, **kwargs):
        super().__init__(**kwargs)
        self.bound = bound

    def squash(self, x):
        return torch.tanh(x)


class LinearRegressor(BaseRegressor):
    pass
