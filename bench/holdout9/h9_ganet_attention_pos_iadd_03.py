# source: https://github.com/Wolfwjs/GANet/issues/20
# case: look-alike from the same neck: DeformFPN's top-down pathway adds the upsampled coarser level into the finer lateral in place (`laterals[i - 1] += F.interpolate(...)`); the lateral ConvModules are built with act_cfg=None, so each lateral is a convolution output that no backward node saved, and training runs
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
        x = self.pre_conv(x)
        b, _, height, width = x.size()
        if pos is not None:
            x = x + pos
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


class DeformFPN(nn.Module):
    """Top-down pathway of GANet's neck (deformable point convs left out)."""

    def __init__(self, in_channels, out_channels, act_cfg=None, trans_cfg=None):
        super().__init__()
        self.trans_head = TransConvEncoderModule(**trans_cfg) if trans_cfg is not None else None
        self.lateral_convs = nn.ModuleList()
        self.fpn_convs = nn.ModuleList()
        for in_ch in in_channels:
            self.lateral_convs.append(ConvModule(in_ch, out_channels, 1, act_cfg=act_cfg, inplace=False))
            self.fpn_convs.append(ConvModule(out_channels, out_channels, 3, padding=1, act_cfg=act_cfg, inplace=False))

    def forward(self, inputs):
        inputs = list(inputs)
        if self.trans_head is not None:
            inputs[-1] = self.trans_head(inputs[-1])
        laterals = [lateral_conv(inputs[i]) for i, lateral_conv in enumerate(self.lateral_convs)]
        used_backbone_levels = len(laterals)
        for i in range(used_backbone_levels - 1, 0, -1):
            prev_shape = laterals[i - 1].shape[2:]
            laterals[i - 1] += F.interpolate(laterals[i], size=prev_shape, mode="nearest")
        outs = [self.fpn_convs[i](laterals[i]) for i in range(used_backbone_levels)]
        return {"features": tuple(outs), "aux_feat": None}


neck = DeformFPN(
    in_channels=[4, 6, 8],
    out_channels=8,
    act_cfg=None,
    trans_cfg=dict(attn_in_dims=[8, 8], attn_out_dims=[8, 8], strides=[1, 1], ratios=[4, 4], pos_shape=(2, 3, 5)),
)
cls_head = nn.Conv2d(8, 2, 1)
optimizer = torch.optim.AdamW(list(neck.parameters()) + list(cls_head.parameters()), lr=1e-3)
feats = (torch.randn(2, 4, 12, 20), torch.randn(2, 6, 6, 10), torch.randn(2, 8, 3, 5))
target = torch.randint(0, 2, (2, 12, 20))
optimizer.zero_grad()
out = neck(feats)
loss = F.cross_entropy(cls_head(out["features"][0]), target)
loss.backward()
optimizer.step()
print(math.isfinite(loss.item()))
