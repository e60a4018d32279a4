# source: https://github.com/Wolfwjs/GANet/issues/20
# case: GANet's transformer neck: `AttentionLayer.forward` adds the sine position embedding in place (`x += pos`) right after `pre_conv`, a ConvModule whose (non in-place) ReLU saved its output for backward; the addition overwrites that output, so training the lane detector's neck fails
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class ConvModule(nn.Module):
    """conv -> norm -> act, as mmcv builds it from norm_cfg / act_cfg."""

    def __init__(self, in_ch, out_ch, kernel_size, stride=1, padding=0, norm_cfg=None, act_cfg=dict(type="ReLU"), inplace=True):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, kernel_size, stride, padding, bias=norm_cfg is None)
        self.norm = nn.BatchNorm2d(out_ch) if norm_cfg is not None else None
        self.activate = nn.ReLU(inplace=inplace) if act_cfg is not None else None

    def forward(self, x):
        x = self.conv(x)
        if self.norm is not None:
            x = self.norm(x)
        if self.activate is not None:
            x = self.activate(x)
        return x


def build_position_encoding(hidden_dim, shape, temperature=10000):
    mask = torch.zeros(shape, dtype=torch.bool)
    not_mask = ~mask
    y_embed = not_mask.cumsum(1, dtype=torch.float32)
    x_embed = not_mask.cumsum(2, dtype=torch.float32)
    num_pos_feats = hidden_dim // 2
    dim_t = torch.arange(num_pos_feats, dtype=torch.float32)
    dim_t = temperature ** (2 * (dim_t // 2) / num_pos_feats)
    pos_x = x_embed[:, :, :, None] / dim_t
    pos_y = y_embed[:, :, :, None] / dim_t
    pos_x = torch.stack((pos_x[:, :, :, 0::2].sin(), pos_x[:, :, :, 1::2].cos()), dim=4).flatten(3)
    pos_y = torch.stack((pos_y[:, :, :, 0::2].sin(), pos_y[:, :, :, 1::2].cos()), dim=4).flatten(3)
    return torch.cat((pos_y, pos_x), dim=3).permute(0, 3, 1, 2)


class AttentionLayer(nn.Module):
    def __init__(self, in_dim, out_dim, ratio=4, stride=1):
        super().__init__()
        norm_cfg = dict(type="BN", requires_grad=True)
        self.pre_conv = ConvModule(in_dim, out_dim, 3, stride=stride, padding=1, norm_cfg=norm_cfg, inplace=False)
        self.query_conv = nn.Conv2d(out_dim, out_dim // ratio, 1)
        self.key_conv = nn.Conv2d(out_dim, out_dim // ratio, 1)
        self.value_conv = nn.Conv2d(out_dim, out_dim, 1)
        self.final_conv = ConvModule(out_dim, out_dim, 3, padding=1, norm_cfg=norm_cfg)
        self.softmax = nn.Softmax(dim=-1)
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x, pos=None):
        x = self.pre_conv(x)  # saver
        b, _, height, width = x.size()
        if pos is not None:
            x += pos  # expect: GG002
        proj_query = self.query_conv(x).view(b, -1, width * height).permute(0, 2, 1)
        proj_key = self.key_conv(x).view(b, -1, width * height)
        attention = self.softmax(torch.bmm(proj_query, proj_key)).permute(0, 2, 1)
        proj_value = self.value_conv(x).view(b, -1, width * height)
        out = torch.bmm(proj_value, attention).view(b, -1, height, width)
        return self.final_conv(self.gamma * out + x)


class TransConvEncoderModule(nn.Module):
    def __init__(self, attn_in_dims, attn_out_dims, strides, ratios, pos_shape):
        super().__init__()
        self.attn_layers = nn.ModuleList(
            [AttentionLayer(d1, d2, r, s) for d1, d2, s, r in zip(attn_in_dims, attn_out_dims, strides, ratios)]
        )
        self.pos_embeds = [build_position_encoding(dim, pos_shape) for dim in attn_out_dims]

    def forward(self, src):
        for layer, pos in zip(self.attn_layers, self.pos_embeds):
            src = layer(src, pos.to(src.device))
        return src


trans_head = TransConvEncoderModule(attn_in_dims=[8, 8], attn_out_dims=[8, 8], strides=[1, 1], ratios=[4, 4], pos_shape=(2, 6, 10))
cls_head = nn.Conv2d(8, 2, 1)
optimizer = torch.optim.AdamW(list(trans_head.parameters()) + list(cls_head.parameters()), lr=1e-3)
feat = torch.randn(2, 8, 6, 10)
target = torch.randint(0, 2, (2, 6, 10))
optimizer.zero_grad()
loss = F.cross_entropy(cls_head(trans_head(feat)), target)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
print(math.isfinite(loss.item()))
