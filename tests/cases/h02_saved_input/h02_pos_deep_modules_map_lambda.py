# case: five nested user modules (deeper than the analysis inlines) and `map(lambda ...)` reading the enclosing function's locals: the LayerNorm in Block saves the decoder input, which the caller then modifies in place
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, heads=2):
        super().__init__()
        self.heads = heads
        self.to_qkv = nn.Linear(dim, dim * 3)
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, _ = x.shape
        qkv = self.to_qkv(x).chunk(3, dim=-1)
        q, k, v = map(lambda t: t.reshape(b, n, self.heads, -1).transpose(1, 2), qkv)
        attn = (q @ k.transpose(-1, -2)).softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(b, n, -1)
        return self.to_out(out)


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.attn = Attention(dim)

    def forward(self, x):
        return self.attn(self.norm(x)) + x  # saver


class Stack(nn.Module):
    def __init__(self, dim, depth):
        super().__init__()
        self.blocks = nn.ModuleList([Block(dim) for _ in range(depth)])

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class Decoder(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.stack = Stack(dim, 2)
        self.head = nn.Linear(dim, 1)

    def forward(self, tokens):
        return self.head(self.stack(tokens))


class Model(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.decoder = Decoder(dim)

    def forward(self, tokens):
        return self.decoder(tokens)


model = Model(8)
z = torch.randn(2, 4, 8, requires_grad=True)
tokens = z * 2
out = model(tokens)
tokens += 1  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
