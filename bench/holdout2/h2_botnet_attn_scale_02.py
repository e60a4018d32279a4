# case: BoTNet attention with only the offending line made out of place (`q = q * self.scale`); the remaining `sim += pos_emb(q)` and `x += shortcut` hit fresh einsum/BatchNorm outputs nothing saved; runs cleanly
# source: https://github.com/lucidrains/bottleneck-transformer-pytorch/pull/14
import torch
from torch import nn, einsum


def rearrange(t, h):
    # einops: 'b (h d) x y -> b h (x y) d'  (reshape, permute, reshape: stays a view)
    b, hd, x, y = t.shape
    return t.reshape(b, h, hd // h, x, y).permute(0, 1, 3, 4, 2).reshape(b, h, x * y, hd // h)


class AbsPosEmb(nn.Module):
    def __init__(self, fmap_size, dim_head):
        super().__init__()
        scale = dim_head ** -0.5
        self.height = nn.Parameter(torch.randn(fmap_size, dim_head) * scale)
        self.width = nn.Parameter(torch.randn(fmap_size, dim_head) * scale)

    def forward(self, q):
        emb = self.height[:, None, :] + self.width[None, :, :]
        emb = emb.reshape(-1, emb.shape[-1])
        logits = einsum('b h i d, j d -> b h i j', q, emb)
        return logits


class Attention(nn.Module):
    def __init__(self, *, dim, fmap_size, heads=2, dim_head=4):
        super().__init__()
        self.heads = heads
        self.scale = dim_head ** -0.5
        inner_dim = heads * dim_head
        self.to_qkv = nn.Conv2d(dim, inner_dim * 3, 1, bias=False)
        self.pos_emb = AbsPosEmb(fmap_size, dim_head)

    def forward(self, fmap):
        heads, b, c, h, w = self.heads, *fmap.shape

        q, k, v = self.to_qkv(fmap).chunk(3, dim=1)
        q, k, v = map(lambda t: rearrange(t, heads), (q, k, v))

        q = q * self.scale

        sim = einsum('b h i d, b h j d -> b h i j', q, k)
        sim += self.pos_emb(q)

        attn = sim.softmax(dim=-1)

        out = einsum('b h i j, b h j d -> b h i d', attn, v)
        out = out.permute(0, 1, 3, 2).reshape(b, -1, h, w)
        return out


class BottleBlock(nn.Module):
    def __init__(self, *, dim, fmap_size, dim_out, proj_factor, heads=2, dim_head=4, activation=nn.ReLU()):
        super().__init__()
        self.shortcut = nn.Sequential(nn.Conv2d(dim, dim_out, 1, bias=False), nn.BatchNorm2d(dim_out), activation)
        attn_dim_in = dim_out // proj_factor
        attn_dim_out = heads * dim_head
        self.net = nn.Sequential(
            nn.Conv2d(dim, attn_dim_in, 1, bias=False),
            nn.BatchNorm2d(attn_dim_in),
            activation,
            Attention(dim=attn_dim_in, fmap_size=fmap_size, heads=heads, dim_head=dim_head),
            nn.BatchNorm2d(attn_dim_out),
            activation,
            nn.Conv2d(attn_dim_out, dim_out, 1, bias=False),
            nn.BatchNorm2d(dim_out),
        )
        nn.init.zeros_(self.net[-1].weight)
        self.activation = activation

    def forward(self, x):
        shortcut = self.shortcut(x)
        x = self.net(x)
        x += shortcut
        return self.activation(x)


torch.manual_seed(0)
layer = BottleBlock(dim=4, fmap_size=4, dim_out=8, proj_factor=2)
fmap = torch.randn(2, 4, 4, 4)
out = layer(fmap)
out.sum().backward()
