# case: the merged fix: `x = x + self.pos_emb(x)` (out of place), so the LSTM output the RNN backward needs is left untouched; runs cleanly
# source: https://github.com/lucidrains/x-transformers/pull/55
import torch
from torch import nn


class AbsolutePositionalEmbedding(nn.Module):
    def __init__(self, dim, max_seq_len):
        super().__init__()
        self.emb = nn.Embedding(max_seq_len, dim)

    def forward(self, x):
        n = torch.arange(x.shape[1], device=x.device)
        return self.emb(n)[None, :, :]


class Encoder(nn.Module):
    def __init__(self, dim, depth, heads):
        super().__init__()
        self.layers = nn.ModuleList([nn.TransformerEncoderLayer(dim, heads, dim * 2, dropout=0.0, batch_first=True)
                                     for _ in range(depth)])

    def forward(self, x, mask=None):
        for layer in self.layers:
            x = layer(x)
        return x


class ContinuousTransformerWrapper(nn.Module):
    def __init__(self, *, max_seq_len, attn_layers, dim_in=None, dim_out=None, emb_dropout=0.):
        super().__init__()
        dim = attn_layers.layers[0].linear1.in_features
        self.max_seq_len = max_seq_len
        self.pos_emb = AbsolutePositionalEmbedding(dim, max_seq_len)
        self.emb_dropout = nn.Dropout(emb_dropout)
        self.project_in = nn.Linear(dim_in, dim) if dim_in is not None else nn.Identity()
        self.attn_layers = attn_layers
        self.norm = nn.LayerNorm(dim)
        self.project_out = nn.Linear(dim, dim_out) if dim_out is not None else nn.Identity()

    def forward(self, x, mask=None):
        x = self.project_in(x)
        x = x + self.pos_emb(x)
        x = self.emb_dropout(x)
        x = self.attn_layers(x, mask=mask)
        x = self.norm(x)
        return self.project_out(x)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(input_size=16, hidden_size=16, num_layers=1, bidirectional=False, batch_first=True)
        self.transformer = ContinuousTransformerWrapper(max_seq_len=32, attn_layers=Encoder(dim=16, depth=1, heads=4))

    def forward(self, x):
        x, _ = self.rnn(x)
        x = self.transformer(x)
        return x


torch.manual_seed(0)
m = Model()
x = torch.randn((2, 6, 16))
loss = m(x).sum()
loss.backward()
