# source: https://github.com/lucidrains/x-transformers/issues/127
# case: the issue's worry in x-transformers' AttentionLayers: `residual = x` keeps an alias and then `x = pre_branch_norm(x)` runs; as the maintainer explains, the norm and the residual add are out of place, so the alias is never modified and training runs
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Residual(nn.Module):
    def __init__(self, dim, scale_residual=False):
        super().__init__()
        self.residual_scale = nn.Parameter(torch.ones(dim)) if scale_residual else None

    def forward(self, x, residual):
        if self.residual_scale is not None:
            residual = residual * self.residual_scale
        return x + residual


class FeedForward(nn.Module):
    def __init__(self, dim, mult=2):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, dim * mult), nn.GELU(), nn.Linear(dim * mult, dim))

    def forward(self, x):
        return self.net(x)


class Attention(nn.Module):
    def __init__(self, dim, heads=2):
        super().__init__()
        self.heads = heads
        self.to_qkv = nn.Linear(dim, dim * 3, bias=False)
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = self.to_qkv(x).chunk(3, dim=-1)
        q, k, v = (t.view(b, n, self.heads, -1).transpose(1, 2) for t in (q, k, v))
        out = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.to_out(out.transpose(1, 2).reshape(b, n, d))


class AttentionLayers(nn.Module):
    def __init__(self, dim, depth):
        super().__init__()
        self.layers = nn.ModuleList([])
        for layer_type in ("a", "f") * depth:
            block = Attention(dim) if layer_type == "a" else FeedForward(dim)
            self.layers.append(nn.ModuleList([nn.LayerNorm(dim), block, Residual(dim, scale_residual=True)]))
        self.final_norm = nn.LayerNorm(dim)

    def forward(self, x):
        for norm, block, residual_fn in self.layers:
            residual = x
            pre_branch_norm = norm
            x = pre_branch_norm(x)
            out = block(x)
            x = residual_fn(out, residual)
        return self.final_norm(x)


layers = AttentionLayers(dim=8, depth=2)
x = torch.randn(2, 4, 8, requires_grad=True)
out = layers(x)
out.sum().backward()
