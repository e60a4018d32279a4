import torch.nn as nn
import torch.nn.functional as F


class PatchEmbed(nn.Module):
    def __init__(self, patch_size=4, in_chans=3, embed_dim=96):
        super().__init__()
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)
        self.norm = nn.GroupNorm(1, embed_dim)

    def forward(self, x):
        return self.norm(self.proj(x))


class SwinTransformerSys(nn.Module):
    """Stand-in for the Swin-T backbone: a patch embedding and three patch-merging stages, each a
    strided convolution doubling the channels; returns the four feature maps (stride 4 .. 32)."""

    def __init__(self, img_size=224, patch_size=4, in_chans=3, embed_dim=96, depths=(2, 2, 6, 2),
                 num_heads=(3, 6, 12, 24), window_size=7, mlp_ratio=4., qkv_bias=True, qk_scale=None,
                 drop_rate=0., drop_path_rate=0.1, ape=False, patch_norm=True, use_checkpoint=False):
        super().__init__()
        self.patch_embed = PatchEmbed(patch_size, in_chans, embed_dim)
        self.layers = nn.ModuleList()
        dim = embed_dim
        for _ in range(len(depths) - 1):
            self.layers.append(nn.Sequential(nn.Conv2d(dim, dim * 2, 2, stride=2), nn.GroupNorm(1, dim * 2)))
            dim *= 2

    def forward(self, x):
        x = self.patch_embed(x)
        outs = [x]
        for layer in self.layers:
            x = F.gelu(layer(x))
            outs.append(x)
        return outs

    def init_weights(self, pretrained=None):
        pass  # the ImageNet checkpoint is not loaded here
