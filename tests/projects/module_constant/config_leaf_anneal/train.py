# case: config.TEMPERATURE is a module-level leaf with requires_grad; schedule.anneal() multiplies it in place
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
