import torch

import config


def anneal(decay: float) -> None:
    with torch.no_grad():
        config.TEMPERATURE.mul_(decay)
