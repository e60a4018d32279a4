from torch import nn


def make_classifier(in_dim: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(in_dim, 16),
        nn.ReLU(),
        nn.Linear(16, 1),
        nn.Sigmoid(),
    )
