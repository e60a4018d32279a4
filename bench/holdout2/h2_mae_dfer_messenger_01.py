# case: MAE-DFER local-global block before the .clone() fix: messenger_tokens = rearrange(x[:, 0]) is a view of x, its LayerNorm saves it, and `x[:, 0] = rearrange(messenger_tokens, ...)` then writes into x in place
# source: https://github.com/sunlicai/MAE-DFER/issues/15
import torch
import torch.nn as nn


class GeneralAttention(nn.Module):
    def __init__(self, dim, num_heads=2):
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.q = nn.Linear(dim, dim, bias=False)
        self.kv = nn.Linear(dim, dim * 2, bias=False)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, context=None):
        B, T1, C = x.shape
        context = x if context is None else context
        T2 = context.shape[1]
        q = self.q(x).reshape(B, T1, self.num_heads, -1).transpose(1, 2)
        kv = self.kv(context).reshape(B, T2, 2, self.num_heads, -1).permute(2, 0, 3, 1, 4)
        k, v = kv[0], kv[1]
        attn = (q * self.scale) @ k.transpose(-2, -1)
        attn = attn.softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(B, T1, -1)
        return self.proj(x)


class LGBlock(nn.Module):
    def __init__(self, dim, num_heads=2, mlp_ratio=2.):
        super().__init__()
        self.first_attn_norm0 = nn.LayerNorm(dim)
        self.first_attn = GeneralAttention(dim, num_heads)
        self.second_attn_norm0 = nn.LayerNorm(dim)
        self.second_attn = GeneralAttention(dim, num_heads)
        self.third_attn_norm0 = nn.LayerNorm(dim)
        self.third_attn_norm1 = nn.LayerNorm(dim)
        self.third_attn = GeneralAttention(dim, num_heads)
        self.drop_path = nn.Identity()
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, int(dim * mlp_ratio)), nn.GELU(), nn.Linear(int(dim * mlp_ratio), dim))

    def forward(self, x, b):
        bn = x.shape[0]
        n = bn // b  # number of local regions
        # local (intra-region) self-attention
        x = x + self.drop_path(self.first_attn(self.first_attn_norm0(x)))
        # global (inter-region) self-attention on messenger tokens
        messenger_tokens = x[:, 0].reshape(b, n, -1)  # rearrange(x[:,0], '(b n) c -> b n c', b=b)
        messenger_tokens = messenger_tokens + self.drop_path(
            self.second_attn(self.second_attn_norm0(messenger_tokens))  # saver
        )
        x[:, 0] = messenger_tokens.reshape(b * n, -1)  # expect: GG002
        # local-global interaction (cross attention)
        local_tokens = x[:, 1:].reshape(b, -1, x.shape[-1])  # copies: (b n) s c -> b (n s) c
        local_tokens = local_tokens + self.drop_path(
            self.third_attn(self.third_attn_norm0(local_tokens), context=self.third_attn_norm1(messenger_tokens))
        )
        x[:, 1:] = local_tokens.reshape(b * n, -1, x.shape[-1])  # expect: GG002
        # FFN layer
        x = x + self.drop_path(self.mlp(self.norm2(x)))
        return x


torch.manual_seed(0)
b, n, s, c = 2, 2, 4, 8
block = LGBlock(c)
tokens = torch.randn(b * n, s, c, requires_grad=True)
out = block(tokens, b)
out.mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
