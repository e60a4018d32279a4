# case: DeBERTa (transformers 3.4) DisentangledSelfAttention: query/key/value come from `self.transpose_for_scores(qp).chunk(3, dim=-1)` and the biases are added in place, `query_layer += self.transpose_for_scores(self.q_bias[None, None, :])`, on an output of the multi-output chunk
# source: https://github.com/huggingface/transformers/issues/8022
import math

import torch
from torch import nn


class DisentangledSelfAttention(nn.Module):
    def __init__(self, hidden_size=8, num_attention_heads=2, dropout=0.0):
        super().__init__()
        self.num_attention_heads = num_attention_heads
        self.attention_head_size = hidden_size // num_attention_heads
        self.all_head_size = self.num_attention_heads * self.attention_head_size
        self.in_proj = nn.Linear(hidden_size, self.all_head_size * 3, bias=False)
        self.q_bias = nn.Parameter(torch.zeros((self.all_head_size), dtype=torch.float))
        self.v_bias = nn.Parameter(torch.zeros((self.all_head_size), dtype=torch.float))
        self.dropout = nn.Dropout(dropout)

    def transpose_for_scores(self, x):
        new_x_shape = x.size()[:-1] + (self.num_attention_heads, -1)
        x = x.view(*new_x_shape)
        return x.permute(0, 2, 1, 3)

    def forward(self, hidden_states, attention_mask):
        qp = self.in_proj(hidden_states)  # .split(self.all_head_size, dim=-1)
        query_layer, key_layer, value_layer = self.transpose_for_scores(qp).chunk(3, dim=-1)
        query_layer += self.transpose_for_scores(self.q_bias[None, None, :])  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
        value_layer += self.transpose_for_scores(self.v_bias[None, None, :])

        scale_factor = 1
        scale = math.sqrt(query_layer.size(-1) * scale_factor)
        query_layer = query_layer / scale
        attention_scores = torch.matmul(query_layer, key_layer.transpose(-1, -2))
        attention_scores = attention_scores.masked_fill(~attention_mask.bool(), float("-inf"))
        attention_probs = self.dropout(torch.softmax(attention_scores, -1))
        context_layer = torch.matmul(attention_probs, value_layer)
        context_layer = context_layer.permute(0, 2, 1, 3).contiguous()
        new_context_layer_shape = context_layer.size()[:-2] + (-1,)
        return context_layer.view(*new_context_layer_shape)


class DebertaLayer(nn.Module):
    def __init__(self, hidden_size=8):
        super().__init__()
        self.self = DisentangledSelfAttention(hidden_size)
        self.output = nn.Linear(hidden_size, hidden_size)
        self.LayerNorm = nn.LayerNorm(hidden_size)
        self.intermediate = nn.Sequential(nn.Linear(hidden_size, 16), nn.GELU(), nn.Linear(16, hidden_size))
        self.LayerNorm2 = nn.LayerNorm(hidden_size)

    def forward(self, hidden_states, attention_mask):
        attn = self.LayerNorm(hidden_states + self.output(self.self(hidden_states, attention_mask)))
        return self.LayerNorm2(attn + self.intermediate(attn))


class DebertaForMaskedLM(nn.Module):
    def __init__(self, vocab_size=30, hidden_size=8, num_layers=2):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, hidden_size)
        self.layer = nn.ModuleList([DebertaLayer(hidden_size) for _ in range(num_layers)])
        self.lm_head = nn.Linear(hidden_size, vocab_size)

    def forward(self, input_ids, attention_mask, labels):
        hidden_states = self.embeddings(input_ids)
        extended_mask = attention_mask[:, None, None, :] * attention_mask[:, None, :, None]
        for layer_module in self.layer:
            hidden_states = layer_module(hidden_states, extended_mask)
        logits = self.lm_head(hidden_states)
        return nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), labels.view(-1), ignore_index=-100)


model = DebertaForMaskedLM()
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
input_ids = torch.randint(0, 30, (2, 6))
attention_mask = torch.ones(2, 6, dtype=torch.long)
labels = input_ids.clone()
labels[:, ::2] = -100
loss = model(input_ids, attention_mask, labels)
loss.backward()
optimizer.step()
