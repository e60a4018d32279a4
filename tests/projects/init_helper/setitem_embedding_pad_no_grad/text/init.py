import torch
from torch import nn


@torch.no_grad()
def reset_padding(emb: nn.Embedding, pad_idx: int) -> None:
    emb.weight[pad_idx] = 0.0
