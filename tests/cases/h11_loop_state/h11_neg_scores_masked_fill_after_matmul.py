# case: causal attention in a loop: scores /= sqrt(d) and masked_fill_ on q @ k.T (mm does not save its output), then softmax
import torch
import torch.nn.functional as F

torch.manual_seed(0)
q = torch.randn(2, 4, 8, requires_grad=True)
k = torch.randn(2, 4, 8, requires_grad=True)
v = torch.randn(2, 4, 8, requires_grad=True)
mask = torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)
outs = []
for head in range(2):
    scores = q[head] @ k[head].t()
    scores /= 8 ** 0.5
    scores.masked_fill_(mask, float("-inf"))
    outs.append(F.softmax(scores, dim=-1) @ v[head])
torch.stack(outs).sum().backward()
print("ok", q.grad.shape)
