# case: attention weights masked in place after the softmax (`attn.masked_fill_(mask, 0.0)`), which saved its output
import torch
import torch.nn as nn


class Attn(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.q = nn.Linear(d, d)

    def forward(self, x, mask):
        scores = self.q(x) @ x.transpose(-2, -1)
        attn = torch.softmax(scores, dim=-1)  # saver
        attn.masked_fill_(mask, 0.0)  # expect: GG002
        return attn @ x


m = Attn(4)
x = torch.randn(2, 3, 4)
mask = torch.zeros(2, 3, 3, dtype=torch.bool)
mask[..., -1] = True
m(x, mask).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(m.q.weight.grad.shape)
