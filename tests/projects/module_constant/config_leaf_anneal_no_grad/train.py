# case: config.TEMPERATURE (module-level leaf) is annealed in place under torch.no_grad()
import torch

import config
from schedule import anneal


def train(epochs: int) -> None:
    torch.manual_seed(0)
    x = torch.randn(4, 3)
    for _ in range(epochs):
        logits = x * config.TEMPERATURE
        logits.logsumexp(-1).mean().backward()
        anneal(config.DECAY)


if __name__ == "__main__":
    train(2)
