# case: the fix merged for the issue: `token = token + self.de_pos_embedding` (out of place), so two decoders can share the same quantized code; runs cleanly
# source: https://github.com/thuanz123/enhancing-transformers/issues/11
import numpy as np
import torch
import torch.nn as nn


def get_2d_sincos_pos_embed(embed_dim, grid_size):
    grid_h = np.arange(grid_size[0], dtype=np.float32)
    grid_w = np.arange(grid_size[1], dtype=np.float32)
    grid = np.stack(np.meshgrid(grid_w, grid_h), axis=0).reshape([2, 1, grid_size[0], grid_size[1]])
    omega = 1. / 10000 ** (np.arange(embed_dim // 4, dtype=np.float64) / (embed_dim / 4.))
    embs = []
    for g in (grid[0], grid[1]):
        out = np.einsum('m,d->md', g.reshape(-1), omega)
        embs.append(np.concatenate([np.sin(out), np.cos(out)], axis=1))
    return np.concatenate(embs, axis=1)


class PreNorm(nn.Module):
    def __init__(self, dim, fn):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.fn = fn

    def forward(self, x):
        return self.fn(self.norm(x))


class Attention(nn.Module):
    def __init__(self, dim, heads=2, dim_head=4):
        super().__init__()
        inner_dim = dim_head * heads
        self.heads = heads
        self.scale = dim_head ** -0.5
        self.attend = nn.Softmax(dim=-1)
        self.to_qkv = nn.Linear(dim, inner_dim * 3, bias=False)
        self.to_out = nn.Linear(inner_dim, dim)

    def forward(self, x):
        b, n, _ = x.shape
        qkv = self.to_qkv(x).chunk(3, dim=-1)
        q, k, v = map(lambda t: t.reshape(b, n, self.heads, -1).transpose(1, 2), qkv)
        attn = self.attend(torch.matmul(q, k.transpose(-1, -2)) * self.scale)
        out = torch.matmul(attn, v).transpose(1, 2).reshape(b, n, -1)
        return self.to_out(out)


class Transformer(nn.Module):
    def __init__(self, dim, depth, mlp_dim):
        super().__init__()
        self.layers = nn.ModuleList([])
        for _ in range(depth):
            self.layers.append(nn.ModuleList([
                PreNorm(dim, Attention(dim)),
                PreNorm(dim, nn.Sequential(nn.Linear(dim, mlp_dim), nn.Tanh(), nn.Linear(mlp_dim, dim))),
            ]))

    def forward(self, x):
        for attn, ff in self.layers:
            x = attn(x) + x
            x = ff(x) + x
        return x


class ViTDecoder(nn.Module):
    def __init__(self, image_size, patch_size, dim, depth, mlp_dim, channels=3):
        super().__init__()
        gh, gw = image_size // patch_size, image_size // patch_size
        self.gh = gh
        self.transformer = Transformer(dim, depth, mlp_dim)
        de_pos_embedding = get_2d_sincos_pos_embed(dim, (gh, gw))
        self.de_pos_embedding = nn.Parameter(torch.from_numpy(de_pos_embedding).float().unsqueeze(0), requires_grad=False)
        self.norm = nn.LayerNorm(dim)
        self.conv_out = nn.ConvTranspose2d(dim, channels, kernel_size=patch_size, stride=patch_size)

    def forward(self, token):
        token = token + self.de_pos_embedding
        x = self.transformer(token)
        x = self.norm(x)
        b, n, c = x.shape
        x = x.transpose(1, 2).reshape(b, c, self.gh, n // self.gh)
        return self.conv_out(x)


torch.manual_seed(0)
decoder_a = ViTDecoder(image_size=8, patch_size=2, dim=8, depth=1, mlp_dim=16)
decoder_b = ViTDecoder(image_size=8, patch_size=2, dim=8, depth=1, mlp_dim=16, channels=1)

z = torch.randn(2, 16, 8, requires_grad=True)
codebook_out = z.detach() + 0.1
quant = z + (codebook_out - z).detach()  # straight-through estimator
rec_a = decoder_a(quant)
rec_b = decoder_b(quant)
loss = rec_a.pow(2).mean() + rec_b.pow(2).mean()
loss.backward()
