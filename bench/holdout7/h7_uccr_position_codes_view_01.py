# source: https://github.com/lisk123/UCCR/issues/6
# case: UCCR's (CRSLab/ParlAI-style) TransformerEncoder builds nn.Embedding position embeddings and, unless they are learned, fills them with `create_position_codes(n_positions, dim, out=self.position_embeddings.weight)`, whose `out[:, 0::2] = ... .type_as(out)` writes through a view of the Parameter before `out.detach_()` / `out.requires_grad = False` run
import numpy as np
import torch
import torch.nn as nn


def create_position_codes(n_pos, dim, out):
    position_enc = np.array([[pos / np.power(10000, 2 * j / dim) for j in range(dim // 2)] for pos in range(n_pos)])
    out[:, 0::2] = torch.FloatTensor(np.sin(position_enc)).type_as(out)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
    out[:, 1::2] = torch.FloatTensor(np.cos(position_enc)).type_as(out)  # expect: GG001
    out.detach_()
    out.requires_grad = False


class TransformerEncoder(nn.Module):
    def __init__(self, n_heads=2, n_layers=1, embedding_size=8, ffn_size=16, vocabulary_size=20,
                 n_positions=16, learn_positional_embeddings=False):
        super().__init__()
        self.embeddings = nn.Embedding(vocabulary_size, embedding_size)
        self.position_embeddings = nn.Embedding(n_positions, embedding_size)
        if not learn_positional_embeddings:
            create_position_codes(n_positions, embedding_size, out=self.position_embeddings.weight)
        else:
            nn.init.normal_(self.position_embeddings.weight, 0, embedding_size ** -0.5)
        layer = nn.TransformerEncoderLayer(embedding_size, n_heads, ffn_size, dropout=0.0, batch_first=True)
        self.layers = nn.TransformerEncoder(layer, n_layers)

    def forward(self, input):
        positions = torch.arange(input.size(1)).unsqueeze(0).expand_as(input)
        tensor = self.embeddings(input) + self.position_embeddings(positions)
        return self.layers(tensor)


encoder = TransformerEncoder()
out = encoder(torch.randint(0, 20, (2, 5)))
out.pow(2).mean().backward()
