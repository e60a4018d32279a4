"""Small layers shared by the audio and visual encoders."""
import torch
import torch.nn as nn


class SamePad(nn.Module):
    """Drops the extra frame an even-kernel 'same' convolution produces."""

    def __init__(self, kernel_size):
        super().__init__()
        self.remove = 1 if kernel_size % 2 == 0 else 0

    def forward(self, x):
        if self.remove > 0:
            x = x[:, :, : -self.remove]
        return x


def LayerNorm(normalized_shape, eps=1e-5):
    return nn.LayerNorm(normalized_shape, eps=eps)


def init_bert_params(module):
    if isinstance(module, nn.Linear):
        module.weight.data.normal_(mean=0.0, std=0.02)
        if module.bias is not None:
            module.bias.data.zero_()
    if isinstance(module, nn.Embedding):
        module.weight.data.normal_(mean=0.0, std=0.02)


class TransformerSentenceEncoderLayer(nn.Module):
    """Post-LN self-attention block on T x B x C inputs."""

    def __init__(self, embedding_dim, ffn_embedding_dim, num_attention_heads, dropout=0.0,
                 activation_dropout=0.0):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(embedding_dim, num_attention_heads, dropout=dropout)
        self.dropout1 = nn.Dropout(dropout)
        self.fc1 = nn.Linear(embedding_dim, ffn_embedding_dim)
        self.activation_dropout = nn.Dropout(activation_dropout)
        self.fc2 = nn.Linear(ffn_embedding_dim, embedding_dim)
        self.self_attn_layer_norm = LayerNorm(embedding_dim)
        self.final_layer_norm = LayerNorm(embedding_dim)

    def forward(self, x, self_attn_padding_mask=None, need_head_weights=False):
        residual = x
        x, attn = self.self_attn(x, x, x, key_padding_mask=self_attn_padding_mask,
                                 need_weights=need_head_weights)
        x = self.self_attn_layer_norm(residual + self.dropout1(x))
        residual = x
        x = self.fc2(self.activation_dropout(torch.nn.functional.gelu(self.fc1(x))))
        x = self.final_layer_norm(residual + x)
        return x, attn
