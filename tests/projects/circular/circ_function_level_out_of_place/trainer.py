import torch
from torch import nn

from losses import bounded_mse


class Trainer:
    CLIP = 0.8

    def __init__(self) -> None:
        self.net = nn.Linear(3, 2)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.1)

    def step(self, x: torch.Tensor, y: torch.Tensor) -> float:
        self.opt.zero_grad()
        pred = torch.tanh(self.net(x))
        loss = bounded_mse(pred, y)
        loss.backward()
        self.opt.step()
        return loss.item()
