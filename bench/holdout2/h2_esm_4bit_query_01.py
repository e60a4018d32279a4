# case: ESM self-attention under 4-bit (bitsandbytes-style) linear layers: the query projection comes out of a custom autograd.Function as a view, transpose_for_scores keeps it a view, and `query_layer *= self.attention_head_size**-0.5` modifies it in place
# source: https://github.com/huggingface/transformers/pull/26454
import math

import torch
import torch.nn as nn


class MatMul4Bit(torch.autograd.Function):
    # stand-in for bitsandbytes' MatMul4Bit: forward runs without grad tracking and returns a view
    @staticmethod
    def forward(ctx, A, B, bias=None):
        ctx.save_for_backward(A, B)
        out = A.reshape(-1, A.shape[-1]) @ B.t()
        if bias is not None:
            out += bias
        return out.view(*A.shape[:-1], B.shape[0])

    @staticmethod
    def backward(ctx, grad_output):
        A, B = ctx.saved_tensors
        g = grad_output.reshape(-1, grad_output.shape[-1])
        return (g @ B).view(A.shape), g.t() @ A.reshape(-1, A.shape[-1]), g.sum(0)


class Linear4bit(nn.Linear):
    def forward(self, x):
        return MatMul4Bit.apply(x, self.weight, self.bias)


class EsmSelfAttention(nn.Module):
    def __init__(self, hidden_size=8, num_attention_heads=2):
        super().__init__()
        self.num_attention_heads = num_attention_heads
        self.attention_head_size = int(hidden_size / num_attention_heads)
        self.all_head_size = self.num_attention_heads * self.attention_head_size
        self.query = Linear4bit(hidden_size, self.all_head_size)
        self.key = Linear4bit(hidden_size, self.all_head_size)
        self.value = Linear4bit(hidden_size, self.all_head_size)

    def transpose_for_scores(self, x):
        new_x_shape = x.size()[:-1] + (self.num_attention_heads, self.attention_head_size)
        x = x.view(new_x_shape)
        return x.permute(0, 2, 1, 3)

    def forward(self, hidden_states, attention_mask=None):
        mixed_query_layer = self.query(hidden_states)
        key_layer = self.transpose_for_scores(self.key(hidden_states))
        value_layer = self.transpose_for_scores(self.value(hidden_states))
        query_layer = self.transpose_for_scores(mixed_query_layer)

        # ESM scales the query down by the same factor instead of the attention logits.
        query_layer *= self.attention_head_size**-0.5  # expect: GG004  # raises: RuntimeError: This view was created inside a custom Function

        attention_scores = torch.matmul(query_layer, key_layer.transpose(-1, -2))
        if attention_mask is not None:
            attention_scores = attention_scores + attention_mask
        attention_probs = nn.functional.softmax(attention_scores, dim=-1)
        context_layer = torch.matmul(attention_probs, value_layer)
        context_layer = context_layer.permute(0, 2, 1, 3).contiguous()
        new_context_layer_shape = context_layer.size()[:-2] + (self.all_head_size,)
        return context_layer.view(new_context_layer_shape)


torch.manual_seed(0)
attn = EsmSelfAttention()
hidden_states = torch.randn(2, 5, 8, requires_grad=True)
out = attn(hidden_states)
out.pow(2).mean().backward()
