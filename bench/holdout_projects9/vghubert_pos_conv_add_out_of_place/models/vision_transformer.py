"""A tiny ViT: patch embedding, a cls token and one encoder block."""
import torch
import torch.nn as nn


class VisionTransformer(nn.Module):
    def __init__(self, img_size=16, patch_size=8, in_chans=3, embed_dim=8, num_heads=2):
        super().__init__()
        self.patch_embed = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)
        n_patches = (img_size // patch_size) ** 2
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.randn(1, n_patches + 1, embed_dim) * 0.02)
        self.block = nn.TransformerEncoderLayer(embed_dim, num_heads, dim_feedforward=2 * embed_dim,
                                                dropout=0.0, batch_first=True)
        self.norm = nn.LayerNorm(embed_dim)

    def forward(self, images):
        x = self.patch_embed(images).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        x = self.norm(self.block(x))
        return x[:, 1:], x[:, 0]
