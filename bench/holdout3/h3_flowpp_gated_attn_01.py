# case: Flow++ GatedAttn (self-attention inside the coupling network of the dequantization flow): memory, query = torch.split(self.in_proj(x), ...), q = split_last_dim(query) is a view+permute of a split output, and `q *= key_depth_per_head ** -0.5` scales it in place
# source: https://github.com/chrischute/flowplusplus/issues/6
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import weight_norm


class GatedAttn(nn.Module):
    def __init__(self, d_model, num_heads=4, drop_prob=0.):
        super().__init__()
        self.d_model = d_model
        self.num_heads = num_heads
        self.drop_prob = drop_prob
        self.in_proj = weight_norm(nn.Linear(d_model, 3 * d_model, bias=False))
        self.gate = weight_norm(nn.Linear(d_model, 2 * d_model))

    def forward(self, x):
        # Flatten and encode position
        b, h, w, c = x.size()
        x = x.view(b, h * w, c)
        _, seq_len, num_channels = x.size()
        pos_encoding = self.get_pos_enc(seq_len, num_channels, x.device)
        x = x + pos_encoding

        # Compute q, k, v
        memory, query = torch.split(self.in_proj(x), (2 * c, c), dim=-1)
        q = self.split_last_dim(query, self.num_heads)
        k, v = [self.split_last_dim(tensor, self.num_heads) for tensor in torch.split(memory, self.d_model, dim=2)]

        # Compute attention and reshape
        key_depth_per_head = self.d_model // self.num_heads
        q *= key_depth_per_head ** -0.5  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
        x = self.dot_product_attention(q, k, v)
        x = self.combine_last_two_dim(x.permute(0, 2, 1, 3))
        x = x.transpose(1, 2).view(b, c, h, w).permute(0, 2, 3, 1)  # (b, h, w, c)

        x = self.gate(x)
        a, b = x.chunk(2, dim=-1)
        return a * torch.sigmoid(b)

    def dot_product_attention(self, q, k, v, bias=False):
        weights = torch.matmul(q, k.permute(0, 1, 3, 2))
        weights = F.softmax(weights, dim=-1)
        weights = F.dropout(weights, self.drop_prob, self.training)
        return torch.matmul(weights, v)

    @staticmethod
    def split_last_dim(x, n):
        old_shape = list(x.size())
        last = old_shape[-1]
        new_shape = old_shape[:-1] + [n] + [last // n if last else None]
        ret = x.view(new_shape)
        return ret.permute(0, 2, 1, 3)

    @staticmethod
    def combine_last_two_dim(x):
        old_shape = list(x.size())
        a, b = old_shape[-2:]
        new_shape = old_shape[:-2] + [a * b if a and b else None]
        return x.contiguous().view(new_shape)

    @staticmethod
    def get_pos_enc(seq_len, num_channels, device):
        position = torch.arange(seq_len, dtype=torch.float32, device=device)
        num_timescales = num_channels // 2
        log_timescale_increment = math.log(10000.) / (num_timescales - 1)
        inv_timescales = torch.arange(num_timescales, dtype=torch.float32, device=device)
        inv_timescales *= -log_timescale_increment
        inv_timescales = inv_timescales.exp_()
        scaled_time = position.unsqueeze(1) * inv_timescales.unsqueeze(0)
        encoding = torch.cat([scaled_time.sin(), scaled_time.cos()], dim=1)
        encoding = F.pad(encoding, [0, num_channels % 2, 0, 0])
        return encoding.view(1, seq_len, num_channels)


class ConvAttnBlock(nn.Module):
    def __init__(self, num_channels, drop_prob=0.):
        super().__init__()
        self.conv = nn.Conv2d(num_channels, num_channels, 3, padding=1)
        self.norm_1 = nn.LayerNorm(num_channels)
        self.attn = GatedAttn(num_channels, drop_prob=drop_prob)
        self.norm_2 = nn.LayerNorm(num_channels)

    def forward(self, x):
        x = self.conv(x) + x
        x = x.permute(0, 2, 3, 1)  # (b, h, w, c)
        x = self.norm_1(x)
        x = self.attn(x) + x
        x = self.norm_2(x)
        return x.permute(0, 3, 1, 2)  # (b, c, h, w)


torch.manual_seed(0)
block = ConvAttnBlock(num_channels=8)
x = torch.randn(2, 8, 4, 4)
out = block(x)
loss = out.pow(2).mean()
loss.backward()
