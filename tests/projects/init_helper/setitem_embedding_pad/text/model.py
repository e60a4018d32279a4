import torch
from torch import nn

from text.init import reset_padding


class Tagger(nn.Module):
    def __init__(self, vocab: int, dim: int, pad_idx: int) -> None:
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        reset_padding(self.emb, pad_idx)
        self.out = nn.Linear(dim, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.out(self.emb(tokens))
