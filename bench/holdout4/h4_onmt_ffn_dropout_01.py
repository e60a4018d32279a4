# case: OpenNMT-py Transformer (June 2018) PositionwiseFeedForward: "Save a little memory, by doing inplace": self.relu = nn.ReLU(inplace=True) and self.dropout_1 = nn.Dropout(dropout, inplace=True), so `self.dropout_1(self.relu(...))` rewrites the ReLU output that its backward saved
# source: https://github.com/OpenNMT/OpenNMT-py/pull/764
import math

import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, features, eps=1e-6):
        super(LayerNorm, self).__init__()
        self.a_2 = nn.Parameter(torch.ones(features))
        self.b_2 = nn.Parameter(torch.zeros(features))
        self.eps = eps

    def forward(self, x):
        mean = x.mean(-1, keepdim=True)
        std = x.std(-1, keepdim=True)
        return self.a_2 * (x - mean) / (std + self.eps) + self.b_2


class MultiHeadedAttention(nn.Module):
    def __init__(self, head_count, model_dim, dropout=0.1):
        super(MultiHeadedAttention, self).__init__()
        self.dim_per_head = model_dim // head_count
        self.head_count = head_count
        self.linear_keys = nn.Linear(model_dim, model_dim)
        self.linear_values = nn.Linear(model_dim, model_dim)
        self.linear_query = nn.Linear(model_dim, model_dim)
        self.sm = nn.Softmax(dim=-1)
        self.dropout = nn.Dropout(dropout)
        self.final_linear = nn.Linear(model_dim, model_dim)

    def forward(self, key, value, query, mask=None):
        batch_size = key.size(0)

        def shape(x):
            return x.view(batch_size, -1, self.head_count, self.dim_per_head).transpose(1, 2)

        def unshape(x):
            return x.transpose(1, 2).contiguous().view(batch_size, -1, self.head_count * self.dim_per_head)

        key_up = shape(self.linear_keys(key))
        value_up = shape(self.linear_values(value))
        query_up = shape(self.linear_query(query))
        query_up = query_up / math.sqrt(self.dim_per_head)
        scores = torch.matmul(query_up, key_up.transpose(2, 3))
        if mask is not None:
            scores = scores.masked_fill(mask.unsqueeze(1).expand_as(scores), -1e18)
        attn = self.sm(scores)
        drop_attn = self.dropout(attn)
        context = unshape(torch.matmul(drop_attn, value_up))
        return self.final_linear(context), attn


class PositionwiseFeedForward(nn.Module):
    def __init__(self, size, hidden_size, dropout=0.1):
        super(PositionwiseFeedForward, self).__init__()
        self.w_1 = nn.Linear(size, hidden_size)
        self.w_2 = nn.Linear(hidden_size, size)
        self.layer_norm = LayerNorm(size)
        # Save a little memory, by doing inplace.
        self.dropout_1 = nn.Dropout(dropout, inplace=True)
        self.relu = nn.ReLU(inplace=True)
        self.dropout_2 = nn.Dropout(dropout)

    def forward(self, x):
        inter = self.dropout_1(self.relu(self.w_1(self.layer_norm(x))))  # expect: GG002
        output = self.dropout_2(self.w_2(inter))
        return output + x


class TransformerEncoderLayer(nn.Module):
    def __init__(self, size, dropout, head_count=2, hidden_size=16):
        super(TransformerEncoderLayer, self).__init__()
        self.self_attn = MultiHeadedAttention(head_count, size, dropout=dropout)
        self.feed_forward = PositionwiseFeedForward(size, hidden_size, dropout)
        self.layer_norm = LayerNorm(size)
        self.dropout = nn.Dropout(dropout)

    def forward(self, inputs, mask):
        input_norm = self.layer_norm(inputs)
        context, _ = self.self_attn(input_norm, input_norm, input_norm, mask=mask)
        out = self.dropout(context) + inputs
        return self.feed_forward(out)


class TransformerEncoder(nn.Module):
    def __init__(self, num_layers, hidden_size, dropout, vocab_size=20, padding_idx=1):
        super(TransformerEncoder, self).__init__()
        self.padding_idx = padding_idx
        self.embeddings = nn.Embedding(vocab_size, hidden_size, padding_idx=padding_idx)
        self.transformer = nn.ModuleList(
            [TransformerEncoderLayer(hidden_size, dropout) for i in range(num_layers)])
        self.layer_norm = LayerNorm(hidden_size)

    def forward(self, src):
        out = self.embeddings(src)  # (batch, len, dim)
        w_batch, w_len = src.size()
        mask = src.data.eq(self.padding_idx).unsqueeze(1).expand(w_batch, w_len, w_len)
        for i in range(len(self.transformer)):
            out = self.transformer[i](out, mask)
        return self.layer_norm(out)


encoder = TransformerEncoder(num_layers=2, hidden_size=8, dropout=0.1)
generator = nn.Linear(8, 20)
optim = torch.optim.Adam(list(encoder.parameters()) + list(generator.parameters()), lr=1e-3)
src = torch.randint(2, 20, (3, 6))
src[0, -2:] = 1
tgt = torch.randint(2, 20, (3, 6))
for step in range(2):
    optim.zero_grad()
    logits = generator(encoder(src))
    loss = nn.functional.cross_entropy(logits.view(-1, 20), tgt.view(-1))
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optim.step()
