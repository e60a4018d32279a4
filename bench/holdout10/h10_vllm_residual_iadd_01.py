# source: https://github.com/vllm-project/vllm/pull/24500
# case: the PR's rewrite of a MiDashengLM-style audio encoder block to in-place residual adds (`x += self.ls1(self.attn(self.norm1(x), mask))`), used to fine-tune the encoder: each pre-norm LayerNorm saved its input x for backward and each in-place add overwrites it, so the training backward fails (the review bot's objection)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class LayerScale(nn.Module):
    def __init__(self, dim, init_values=1e-5):
        super().__init__()
        self.gamma = nn.Parameter(init_values * torch.ones(dim))

    def forward(self, x):
        return x * self.gamma


class Attention(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, mask=None):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.num_heads, c // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn_mask = None if mask is None else mask[:, None, None, :]
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
        return self.proj(out.transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class DashengBlock(nn.Module):
    def __init__(self, dim, num_heads, mlp_ratio=4.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, num_heads)
        self.ls1 = LayerScale(dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))
        self.ls2 = LayerScale(dim)

    def forward(self, x, mask=None):
        x += self.ls1(self.attn(self.norm1(x), mask))  # expect: GG002
        x += self.ls2(self.mlp(self.norm2(x)))  # expect: GG002
        return x


class AudioEncoder(nn.Module):
    def __init__(self, n_mels=8, dim=16, depth=2, num_heads=2):
        super().__init__()
        self.patch_embed = nn.Linear(n_mels, dim)
        self.blocks = nn.ModuleList([DashengBlock(dim, num_heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)

    def forward(self, mel, mask=None):
        x = self.patch_embed(mel)
        for block in self.blocks:
            x = block(x, mask)
        return self.norm(x)


encoder = AudioEncoder()
head = nn.Linear(16, 5)
optimizer = torch.optim.AdamW(list(encoder.parameters()) + list(head.parameters()), lr=1e-4)
mel = torch.randn(2, 10, 8)
mask = torch.ones(2, 10, dtype=torch.bool)
labels = torch.tensor([1, 3])

logits = head(encoder(mel, mask).mean(1))
loss = F.cross_entropy(logits, labels)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
print(round(loss.item(), 4))
