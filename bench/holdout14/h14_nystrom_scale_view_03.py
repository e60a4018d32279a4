# case: look-alike: the library's own Nystromformer (PreNorm attention + feed-forward layers) from nystrom-attention <= 0.0.10, with the in-place q *= self.scale, trained on padded token batches with a padding mask: the masked branch first multiplies q, k and v by the mask, so q is a fresh product rather than a view of the chunk, and scaling it in place is allowed; the in-place masked_fill_ on the einsum similarities is harmless too
# source: https://github.com/lucidrains/nystrom-attention/pull/7
from math import ceil

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def exists(val):
    return val is not None


def rearrange_heads(t, h):  # einops: 'b n (h d) -> b h n d'
    b, n, hd = t.shape
    return t.reshape(b, n, h, hd // h).permute(0, 2, 1, 3)


def reduce_landmarks(t, l):  # einops: reduce(t, '... (n l) d -> ... n d', 'sum', l=l)
    return t.reshape(*t.shape[:-2], t.shape[-2] // l, l, t.shape[-1]).sum(-2)


def moore_penrose_iter_pinv(x, iters=6):
    abs_x = torch.abs(x)
    col = abs_x.sum(dim=-1)
    row = abs_x.sum(dim=-2)
    z = x.transpose(-1, -2) / (torch.max(col) * torch.max(row))
    I = torch.eye(x.shape[-1]).unsqueeze(0)
    for _ in range(iters):
        xz = x @ z
        z = 0.25 * z @ (13 * I - (xz @ (15 * I - (xz @ (7 * I - xz)))))
    return z


class NystromAttention(nn.Module):
    def __init__(self, dim, dim_head=64, heads=8, num_landmarks=256, pinv_iterations=6, residual=True, residual_conv_kernel=33, eps=1e-8, dropout=0.0):
        super().__init__()
        self.eps = eps
        inner_dim = heads * dim_head
        self.num_landmarks = num_landmarks
        self.pinv_iterations = pinv_iterations
        self.heads = heads
        self.scale = dim_head**-0.5
        self.to_qkv = nn.Linear(dim, inner_dim * 3, bias=False)
        self.to_out = nn.Sequential(nn.Linear(inner_dim, dim), nn.Dropout(dropout))
        self.residual = residual
        if residual:
            self.res_conv = nn.Conv2d(heads, heads, (residual_conv_kernel, 1), padding=(residual_conv_kernel // 2, 0), groups=heads, bias=False)

    def forward(self, x, mask=None, return_attn=False):
        b, n, _, h, m, iters, eps = *x.shape, self.heads, self.num_landmarks, self.pinv_iterations, self.eps
        remainder = n % m
        if remainder > 0:
            padding = m - (n % m)
            x = F.pad(x, (0, 0, padding, 0), value=0)
            if exists(mask):
                mask = F.pad(mask, (padding, 0), value=False)

        q, k, v = self.to_qkv(x).chunk(3, dim=-1)
        q, k, v = map(lambda t: rearrange_heads(t, h), (q, k, v))
        if exists(mask):
            mask = mask[:, None, :]
            q, k, v = map(lambda t: t * mask[..., None], (q, k, v))

        q *= self.scale

        l = ceil(n / m)
        q_landmarks = reduce_landmarks(q, l)
        k_landmarks = reduce_landmarks(k, l)
        divisor = l
        if exists(mask):
            mask_landmarks_sum = mask.reshape(b, 1, -1, l).sum(-1)
            divisor = mask_landmarks_sum[..., None] + eps
            mask_landmarks = mask_landmarks_sum > 0
        q_landmarks /= divisor
        k_landmarks /= divisor

        sim1 = torch.einsum("... i d, ... j d -> ... i j", q, k_landmarks)
        sim2 = torch.einsum("... i d, ... j d -> ... i j", q_landmarks, k_landmarks)
        sim3 = torch.einsum("... i d, ... j d -> ... i j", q_landmarks, k)
        if exists(mask):
            mask_value = -torch.finfo(q.dtype).max
            sim1.masked_fill_(~(mask[..., None] * mask_landmarks[..., None, :]), mask_value)
            sim2.masked_fill_(~(mask_landmarks[..., None] * mask_landmarks[..., None, :]), mask_value)
            sim3.masked_fill_(~(mask_landmarks[..., None] * mask[..., None, :]), mask_value)

        attn1, attn2, attn3 = map(lambda t: t.softmax(dim=-1), (sim1, sim2, sim3))
        attn2_inv = moore_penrose_iter_pinv(attn2, iters)
        out = (attn1 @ attn2_inv) @ (attn3 @ v)
        if self.residual:
            out += self.res_conv(v)
        out = out.permute(0, 2, 1, 3).reshape(b, -1, h * out.shape[-1])  # 'b h n d -> b n (h d)'
        out = self.to_out(out)
        out = out[:, -n:]
        if return_attn:
            return out, attn1 @ attn2_inv @ attn3
        return out


class PreNorm(nn.Module):
    def __init__(self, dim, fn):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.fn = fn

    def forward(self, x, **kwargs):
        return self.fn(self.norm(x), **kwargs)


class FeedForward(nn.Module):
    def __init__(self, dim, mult=4, dropout=0.0):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, dim * mult), nn.GELU(), nn.Dropout(dropout), nn.Linear(dim * mult, dim))

    def forward(self, x):
        return self.net(x)


class Nystromformer(nn.Module):
    def __init__(self, *, dim, depth, dim_head=64, heads=8, num_landmarks=256, pinv_iterations=6, attn_values_residual=True, attn_values_residual_conv_kernel=33, attn_dropout=0.0, ff_dropout=0.0):
        super().__init__()
        self.layers = nn.ModuleList([])
        for _ in range(depth):
            self.layers.append(nn.ModuleList([PreNorm(dim, NystromAttention(dim=dim, dim_head=dim_head, heads=heads, num_landmarks=num_landmarks, pinv_iterations=pinv_iterations, residual=attn_values_residual, residual_conv_kernel=attn_values_residual_conv_kernel, dropout=attn_dropout)), PreNorm(dim, FeedForward(dim=dim, dropout=ff_dropout))]))

    def forward(self, x, mask=None):
        for attn, ff in self.layers:
            x = attn(x, mask=mask) + x
            x = ff(x) + x
        return x


class SequenceClassifier(nn.Module):
    def __init__(self, num_tokens, dim, depth, num_classes):
        super().__init__()
        self.token_emb = nn.Embedding(num_tokens, dim)
        self.encoder = Nystromformer(dim=dim, depth=depth, dim_head=8, heads=2, num_landmarks=4, attn_values_residual_conv_kernel=3)
        self.to_logits = nn.Linear(dim, num_classes)

    def forward(self, tokens, mask=None):
        x = self.encoder(self.token_emb(tokens), mask=mask)
        if mask is None:
            return self.to_logits(x.mean(dim=1))
        return self.to_logits((x * mask[..., None]).sum(dim=1) / mask.sum(dim=1, keepdim=True))


model = SequenceClassifier(num_tokens=20, dim=16, depth=2, num_classes=3)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(2):
    tokens = torch.randint(0, 20, (2, 10))
    lengths = torch.tensor([10, 7])
    mask = torch.arange(10)[None, :] < lengths[:, None]
    labels = torch.randint(0, 3, (2,))
    optimizer.zero_grad()
    loss = F.cross_entropy(model(tokens, mask=mask), labels)
    loss.backward()
    optimizer.step()
