# case: decoder loop zeroes masked attention weights with attn[mask] = 0 after softmax, which saved its output
import torch
import torch.nn.functional as F

torch.manual_seed(0)
q = torch.randn(3, 4, 8, requires_grad=True)
k = torch.randn(3, 4, 8)
v = torch.randn(3, 4, 8)
mask = torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)
ctx = []
for step in range(3):
    attn = F.softmax(q[step] @ k[step].t(), dim=-1)  # saver
    attn[mask] = 0.0  # expect: GG002
    ctx.append(attn @ v[step])
torch.stack(ctx).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
