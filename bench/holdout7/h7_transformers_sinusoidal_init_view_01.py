# source: https://github.com/huggingface/transformers/pull/8226
# case: BART's SinusoidalPositionalEmbedding (an nn.Embedding subclass) fills its weight in `_init_weight(out)` with slice assignments `out[:, 0:dim // 2] = torch.FloatTensor(np.sin(...))` while the Parameter still requires grad: writing through a view of a leaf fails (pytorch 1.8+), before the PR's `out.requires_grad = False`
import numpy as np
import torch
import torch.nn as nn


class SinusoidalPositionalEmbedding(nn.Embedding):
    """This module produces sinusoidal positional embeddings of any length."""

    def __init__(self, num_positions, embedding_dim, padding_idx=None):
        super().__init__(num_positions, embedding_dim)
        self.weight = self._init_weight(self.weight)

    @staticmethod
    def _init_weight(out: nn.Parameter):
        n_pos, dim = out.shape
        position_enc = np.array(
            [[pos / np.power(10000, 2 * (j // 2) / dim) for j in range(dim)] for pos in range(n_pos)]
        )
        out[:, 0 : dim // 2] = torch.FloatTensor(np.sin(position_enc[:, 0::2]))  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
        out[:, dim // 2 :] = torch.FloatTensor(np.cos(position_enc[:, 1::2]))  # expect: GG001
        out.detach_()
        return out

    @torch.no_grad()
    def forward(self, input_ids, use_cache=False):
        bsz, seq_len = input_ids.shape[:2]
        positions = torch.arange(seq_len, dtype=torch.long, device=self.weight.device)
        return super().forward(positions)


embed_positions = SinusoidalPositionalEmbedding(16, 8)
tokens = nn.Embedding(20, 8)
input_ids = torch.randint(0, 20, (2, 5))
x = tokens(input_ids) + embed_positions(input_ids)
x.pow(2).mean().backward()
