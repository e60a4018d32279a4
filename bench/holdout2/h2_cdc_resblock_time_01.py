# case: conditional diffusion compression UNet ResnetBlock: block1 ends in nn.ReLU(), then `h += self.mlp(time_emb)[:, :, None, None]` adds the time embedding in place to the ReLU output that ReLU's backward needs
# source: https://github.com/buggyyang/CDC_compression/issues/1
import math

import torch
import torch.nn as nn


def exists(x):
    return x is not None


class SinusoidalPosEmb(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, x):
        half_dim = self.dim // 2
        emb = math.log(10000) / (half_dim - 1)
        emb = torch.exp(torch.arange(half_dim) * -emb)
        emb = x[:, None] * emb[None, :]
        return torch.cat((emb.sin(), emb.cos()), dim=-1)


class LayerNorm(nn.Module):
    def __init__(self, dim, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.g = nn.Parameter(torch.ones(1, dim, 1, 1))
        self.b = nn.Parameter(torch.zeros(1, dim, 1, 1))

    def forward(self, x):
        var = torch.var(x, dim=1, unbiased=False, keepdim=True)
        mean = torch.mean(x, dim=1, keepdim=True)
        return (x - mean) / (var + self.eps).sqrt() * self.g + self.b


class Block(nn.Module):
    def __init__(self, dim, dim_out, large=False):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(dim, dim_out, 7 if large else 3, padding=3 if large else 1), LayerNorm(dim_out), nn.ReLU()
        )

    def forward(self, x):
        return self.block(x)  # saver


class ResnetBlock(nn.Module):
    def __init__(self, dim, dim_out, time_emb_dim=None, large=False):
        super().__init__()
        self.mlp = (
            nn.Sequential(nn.LeakyReLU(0.2), nn.Linear(time_emb_dim, dim_out))
            if exists(time_emb_dim)
            else None
        )
        self.block1 = Block(dim, dim_out, large)
        self.block2 = Block(dim_out, dim_out)
        self.res_conv = nn.Conv2d(dim, dim_out, 1) if dim != dim_out else nn.Identity()

    def forward(self, x, time_emb=None):
        h = self.block1(x)

        if exists(time_emb):
            h += self.mlp(time_emb)[:, :, None, None]  # expect: GG002

        h = self.block2(h)
        return h + self.res_conv(x)


torch.manual_seed(0)
time_mlp = nn.Sequential(SinusoidalPosEmb(8), nn.Linear(8, 16), nn.GELU(), nn.Linear(16, 8))
block = ResnetBlock(3, 4, time_emb_dim=8)
x_start = torch.rand(2, 3, 8, 8) * 2 - 1
t = torch.randint(0, 100, (2,)).float()
noise = torch.randn_like(x_start)
x_noisy = 0.9 * x_start + 0.1 * noise
pred_noise = nn.Conv2d(4, 3, 1)(block(x_noisy, time_mlp(t)))
loss = (pred_noise - noise).abs().mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
