import torch
import torch.nn as nn


class CrossAttention(nn.Module):
    """Cross attention between the RGB and the depth feature maps (one head, one layer here)."""

    def __init__(self,
                 in_channel=96,      # feature map dim
                 depth=2,
                 num_heads=3):
        super().__init__()
        self.q = nn.Linear(in_channel, in_channel)
        self.kv = nn.Linear(in_channel, 2 * in_channel)
        self.proj = nn.Linear(in_channel, in_channel)
        self.num_feature = in_channel

        # add a norm layer for each output
        self.norm_layer = nn.LayerNorm(in_channel)

    def forward(self, x):
        rgb_feature_map, xyz_feature_map = x

        B, C, H, W = rgb_feature_map.shape
        rgb_feature_map = rgb_feature_map.permute(0, 2, 3, 1).reshape(B, H * W, C)
        xyz_feature_map = xyz_feature_map.permute(0, 2, 3, 1).reshape(B, H * W, C)

        q = self.q(rgb_feature_map)
        k, v = self.kv(xyz_feature_map).chunk(2, dim=-1)
        attn = torch.softmax(q @ k.transpose(-2, -1) * C ** -0.5, dim=-1)
        x_out = self.proj(attn @ v) + rgb_feature_map
        x_out = self.norm_layer(x_out)
        out = x_out.view(-1, H, W, self.num_feature).permute(0, 3, 1, 2).contiguous()
        return out

    def init_weights(self):
        def _init_weights(m):
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=.02)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.LayerNorm):
                nn.init.constant_(m.bias, 0)
                nn.init.constant_(m.weight, 1.0)

        self.apply(_init_weights)
