# case: utils.normalize_ centres its argument with -=; train.py hands it a sigmoid output
import torch
from torch import nn

from utils import normalize_


class Encoder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(10, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x)


if __name__ == "__main__":
    torch.manual_seed(0)
    enc = Encoder()
    feats = torch.sigmoid(enc(torch.randn(3, 10)))  # saver
    feats = normalize_(feats)
    feats.pow(2).sum().backward()  # raises: RuntimeError: modified by an inplace operation
