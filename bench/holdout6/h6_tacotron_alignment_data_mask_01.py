# source: https://github.com/r9y9/tacotron_pytorch/issues/16
# case: tacotron's Bahdanau attention masks padded encoder steps with `alignment.data.masked_fill_(mask, score_mask_value)` before the softmax; the energies are a fresh Linear output that no backward node saved, and the gradients match an out-of-place `masked_fill` (checked in the file)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class BahdanauAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.query_layer = nn.Linear(dim, dim, bias=False)
        self.tanh = nn.Tanh()
        self.v = nn.Linear(dim, 1, bias=False)

    def forward(self, query, processed_memory):
        processed_query = self.query_layer(query).unsqueeze(1)
        alignment = self.v(self.tanh(processed_query + processed_memory))
        return alignment.squeeze(-1)


class AttentionWrapper(nn.Module):
    def __init__(self, attention_mechanism, score_mask_value=-float("inf"), use_data=True):
        super().__init__()
        self.attention_mechanism = attention_mechanism
        self.score_mask_value = score_mask_value
        self.use_data = use_data

    def forward(self, query, memory, processed_memory, mask=None):
        alignment = self.attention_mechanism(query, processed_memory)
        if mask is not None:
            mask = mask.view(query.size(0), -1)
            if self.use_data:
                alignment.data.masked_fill_(mask, self.score_mask_value)
            else:
                alignment = alignment.masked_fill(mask, self.score_mask_value)
        alignment = F.softmax(alignment, dim=-1)
        attention = torch.bmm(alignment.unsqueeze(1), memory).squeeze(1)
        return attention, alignment


def grads(use_data):
    torch.manual_seed(1)
    memory_layer = nn.Linear(6, 6, bias=False)
    wrapper = AttentionWrapper(BahdanauAttention(6), use_data=use_data)
    memory = torch.randn(2, 5, 6)
    mask = torch.tensor([[False] * 5, [False, False, False, True, True]])
    attention, _ = wrapper(torch.randn(2, 6), memory, memory_layer(memory), mask)
    attention.pow(2).sum().backward()
    return [p.grad.clone() for p in list(wrapper.parameters()) + list(memory_layer.parameters())]


for a, b in zip(grads(True), grads(False)):
    assert torch.allclose(a, b)
