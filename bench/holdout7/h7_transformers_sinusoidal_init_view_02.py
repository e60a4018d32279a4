# source: https://github.com/huggingface/transformers/pull/8226
# case: the PR's _init_weight: `out.requires_grad = False` is set first ("set early to avoid an error in pytorch-1.8+"), so the slice assignments write into a plain tensor; odd embedding sizes are handled with a sentinel
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
        out.requires_grad = False  # set early to avoid an error in pytorch-1.8+
        sentinel = dim // 2 if dim % 2 == 0 else (dim // 2) + 1
        out[:, 0:sentinel] = torch.FloatTensor(np.sin(position_enc[:, 0::2]))
        out[:, sentinel:] = torch.FloatTensor(np.cos(position_enc[:, 1::2]))
        out.detach_()
        return out

    @torch.no_grad()
    def forward(self, input_ids, use_cache=False):
        bsz, seq_len = input_ids.shape[:2]
        positions = torch.arange(seq_len, dtype=torch.long, device=self.weight.device)
        return super().forward(positions)


embed_positions = SinusoidalPositionalEmbedding(16, 8)
odd_positions = SinusoidalPositionalEmbedding(16, 7)
tokens = nn.Embedding(20, 8)
input_ids = torch.randint(0, 20, (2, 5))
x = tokens(input_ids) + embed_positions(input_ids)
x.pow(2).mean().backward()
