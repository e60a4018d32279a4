# case: fix of NystromAttention from nystrom-attention pull request #7 (0.0.11), used by the same TransMIL: the queries are scaled out of place (q = q * self.scale); the remaining in-place ops of that release, q_landmarks /= divisor on the summed landmarks and out += self.res_conv(v) on a matmul output, modify fresh tensors nothing saved, so the bag-level loss trains
# source: https://github.com/HHHedo/IBMIL/issues/15
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

        q = q * self.scale

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


class TransLayer(nn.Module):
    def __init__(self, norm_layer=nn.LayerNorm, dim=512):
        super().__init__()
        self.norm = norm_layer(dim)
        self.attn = NystromAttention(dim=dim, dim_head=dim // 8, heads=8, num_landmarks=dim // 2, pinv_iterations=6, residual=True, residual_conv_kernel=3, dropout=0.1)

    def forward(self, x):
        return x + self.attn(self.norm(x))


class PPEG(nn.Module):
    def __init__(self, dim=512):
        super().__init__()
        self.proj = nn.Conv2d(dim, dim, 7, 1, 7 // 2, groups=dim)
        self.proj1 = nn.Conv2d(dim, dim, 5, 1, 5 // 2, groups=dim)
        self.proj2 = nn.Conv2d(dim, dim, 3, 1, 3 // 2, groups=dim)

    def forward(self, x, H, W):
        B, _, C = x.shape
        cls_token, feat_token = x[:, 0], x[:, 1:]
        cnn_feat = feat_token.transpose(1, 2).view(B, C, H, W)
        x = self.proj(cnn_feat) + cnn_feat + self.proj1(cnn_feat) + self.proj2(cnn_feat)
        x = x.flatten(2).transpose(1, 2)
        return torch.cat((cls_token.unsqueeze(1), x), dim=1)


class TransMIL(nn.Module):
    def __init__(self, n_classes, input_size, dim=16):
        super().__init__()
        self.pos_layer = PPEG(dim=dim)
        self._fc1 = nn.Sequential(nn.Linear(input_size, dim), nn.ReLU())
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim))
        self.n_classes = n_classes
        self.layer1 = TransLayer(dim=dim)
        self.layer2 = TransLayer(dim=dim)
        self.norm = nn.LayerNorm(dim)
        self._fc2 = nn.Linear(dim, self.n_classes)

    def forward(self, feats):
        h = self._fc1(feats.unsqueeze(0))
        H = h.shape[1]
        _H, _W = int(np.ceil(np.sqrt(H))), int(np.ceil(np.sqrt(H)))
        add_length = _H * _W - H
        h = torch.cat([h, h[:, :add_length, :]], dim=1)
        cls_tokens = self.cls_token.expand(h.shape[0], -1, -1)
        h = torch.cat((cls_tokens, h), dim=1)
        h = self.layer1(h)
        h = self.pos_layer(h, _H, _W)
        h = self.layer2(h)
        h = self.norm(h)[:, 0]
        logits = self._fc2(h)
        return {"logits": logits, "Y_prob": F.softmax(logits, dim=1), "Y_hat": torch.argmax(logits, dim=1)}


milnet = TransMIL(n_classes=2, input_size=24)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(milnet.parameters(), lr=2e-4, betas=(0.5, 0.9), weight_decay=5e-3)
milnet.train()
for bag_feats, bag_label in [(torch.randn(7, 24), torch.tensor([1])), (torch.randn(5, 24), torch.tensor([0]))]:
    optimizer.zero_grad()
    results_dict = milnet(bag_feats)
    loss = criterion(results_dict["logits"], bag_label)
    loss.backward()
    optimizer.step()
