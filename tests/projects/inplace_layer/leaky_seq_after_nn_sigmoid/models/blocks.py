from torch import nn


def mlp_head(dim: int, out_dim: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.LeakyReLU(0.2, True),  # expect: GG002
        nn.Linear(dim, out_dim),
    )
