# source: https://github.com/lucidrains/flamingo-pytorch/issues/10
# case: the maintainer's fix: the result of the out-of-place call is kept (`attn = attn.masked_fill(text_without_media_mask, 0.)`), so the softmax output that SoftmaxBackward saved is untouched and the gated cross-attention block trains
import torch
import torch.nn.functional as F
from torch import einsum, nn

torch.manual_seed(0)


class MaskedCrossAttention(nn.Module):
    def __init__(self, *, dim, dim_head=4, heads=2, only_attend_immediate_media=True):
        super().__init__()
        self.scale = dim_head**-0.5
        self.heads = heads
        inner_dim = dim_head * heads
        self.norm = nn.LayerNorm(dim)
        self.to_q = nn.Linear(dim, inner_dim, bias=False)
        self.to_kv = nn.Linear(dim, inner_dim * 2, bias=False)
        self.to_out = nn.Linear(inner_dim, dim, bias=False)
        self.only_attend_immediate_media = only_attend_immediate_media

    def split_heads(self, t):
        b, n, _ = t.shape
        return t.view(b, n, self.heads, -1).transpose(1, 2)

    def forward(self, x, media, media_locations=None):
        b, t, m = media.shape[:3]
        h = self.heads
        x = self.norm(x)
        q = self.to_q(x)
        media = media.reshape(b, t * m, -1)
        k, v = self.to_kv(media).chunk(2, dim=-1)
        q, k, v = self.split_heads(q), self.split_heads(k), self.split_heads(v)
        q = q * self.scale
        sim = einsum("b h i d, b h j d -> b h i j", q, k)

        if media_locations is not None:
            text_time = media_locations.cumsum(dim=-1)
            media_time = torch.arange(t) + 1
            text_to_media_mask = text_time[:, None, :, None] == media_time.repeat_interleave(m)[None, None, None, :]
            sim = sim.masked_fill(~text_to_media_mask, -torch.finfo(sim.dtype).max)

        sim = sim - sim.amax(dim=-1, keepdim=True).detach()
        attn = sim.softmax(dim=-1)

        if media_locations is not None and self.only_attend_immediate_media:
            text_without_media_mask = text_time == 0
            text_without_media_mask = text_without_media_mask[:, None, :, None]
            attn = attn.masked_fill(text_without_media_mask, 0.0)

        out = einsum("b h i j, b h j d -> b h i d", attn, v)
        out = out.transpose(1, 2).reshape(b, -1, h * v.shape[-1])
        return self.to_out(out)


class GatedCrossAttentionBlock(nn.Module):
    def __init__(self, *, dim):
        super().__init__()
        self.attn = MaskedCrossAttention(dim=dim)
        self.attn_gate = nn.Parameter(torch.tensor([0.5]))
        self.ff = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim * 2), nn.GELU(), nn.Linear(dim * 2, dim))
        self.ff_gate = nn.Parameter(torch.tensor([0.5]))

    def forward(self, x, media, media_locations=None):
        x = self.attn(x, media, media_locations=media_locations) * self.attn_gate.tanh() + x
        x = self.ff(x) * self.ff_gate.tanh() + x
        return x


block = GatedCrossAttentionBlock(dim=8)
text = torch.randn(2, 5, 8)
media = torch.randn(2, 2, 3, 8)
media_locations = torch.tensor([[0, 1, 0, 0, 1], [0, 0, 1, 0, 0]], dtype=torch.bool)
out = block(text, media, media_locations)
loss = F.mse_loss(out, torch.randn_like(out))
loss.backward()
