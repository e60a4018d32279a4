# source: https://github.com/Dao-AILab/flash-attention/pull/299
# case: look-alike: the non-fused path of the same module (`apply_rotary_emb_torch`-style, used when the fused kernel is unavailable) rotates q and k out of place; the cached cos/sin are inference tensors, but `apply_rotary` first concatenates each with itself (`torch.cat((cos, cos), dim=-1)`, as flash-attn's fallback repeats them), which outside inference mode makes a normal tensor, and that copy is what the multiplication saves, so training runs
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary(x, cos, sin, conjugate=False):
    cos = torch.cat((cos, cos), dim=-1)[:, None, :]
    sin = torch.cat((sin, sin), dim=-1)[:, None, :]
    if conjugate:
        sin = -sin
    return x * cos + rotate_half(x) * sin


class ApplyRotaryEmbQKV_(torch.autograd.Function):
    @staticmethod
    def forward(ctx, qkv, cos, sin):
        q, k = qkv[:, :, 0], qkv[:, :, 1]
        q.copy_(apply_rotary(q, cos, sin))
        k.copy_(apply_rotary(k, cos, sin))
        ctx.save_for_backward(cos, sin)
        ctx.mark_dirty(qkv)
        return qkv

    @staticmethod
    def backward(ctx, dqkv):
        cos, sin = ctx.saved_tensors
        dqkv = dqkv.clone()
        dqkv[:, :, 0] = apply_rotary(dqkv[:, :, 0], cos, sin, conjugate=True)
        dqkv[:, :, 1] = apply_rotary(dqkv[:, :, 1], cos, sin, conjugate=True)
        return dqkv, None, None


def apply_rotary_emb_qkv_(qkv, cos, sin):
    return ApplyRotaryEmbQKV_.apply(qkv, cos, sin)


class RotaryEmbedding(nn.Module):
    def __init__(self, dim, base=10000.0):
        super().__init__()
        self.dim = dim
        inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.float32) / dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self._seq_len_cached = 0
        self._cos_cached = None
        self._sin_cached = None

    def _update_cos_sin_cache(self, seqlen, device=None, dtype=None):
        # Reset the tables if the sequence length has changed or if we're on a new device or dtype
        if seqlen > self._seq_len_cached or self._cos_cached is None or self._cos_cached.device != device or self._cos_cached.dtype != dtype:
            self._seq_len_cached = seqlen
            t = torch.arange(seqlen, device=device, dtype=torch.float32)
            freqs = torch.outer(t, self.inv_freq)
            self._cos_cached = torch.cos(freqs).to(dtype)
            self._sin_cached = torch.sin(freqs).to(dtype)

    def forward(self, qkv):
        self._update_cos_sin_cache(qkv.shape[1], device=qkv.device, dtype=qkv.dtype)
        q = apply_rotary(qkv[:, :, 0], self._cos_cached, self._sin_cached)
        k = apply_rotary(qkv[:, :, 1], self._cos_cached, self._sin_cached)
        return torch.stack([q, k, qkv[:, :, 2]], dim=2)


class MHA(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        self.Wqkv = nn.Linear(embed_dim, 3 * embed_dim)
        self.rotary_emb = RotaryEmbedding(self.head_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def forward(self, x):
        b, s, _ = x.shape
        qkv = self.Wqkv(x).view(b, s, 3, self.num_heads, self.head_dim)
        qkv = self.rotary_emb(qkv)
        q, k, v = qkv.unbind(dim=2)
        out = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), is_causal=True)
        return self.out_proj(out.transpose(1, 2).reshape(b, s, -1))


model = nn.Sequential(nn.Embedding(10, 8), MHA(8, 2), nn.Linear(8, 10))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
tokens = torch.randint(0, 10, (2, 6))

model.eval()
with torch.inference_mode():
    val_loss = F.cross_entropy(model(tokens[:, :-1]).flatten(0, 1), tokens[:, 1:].flatten())

model.train()
optimizer.zero_grad()
loss = F.cross_entropy(model(tokens[:, :-1]).flatten(0, 1), tokens[:, 1:].flatten())
loss.backward()
optimizer.step()
print(val_loss.item(), loss.item())
