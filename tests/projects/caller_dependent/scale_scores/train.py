# case: the mul_ helper rescales the raw scores (a matmul output nobody saved) before softmax
import torch

from attn import attend

torch.manual_seed(0)
q, k, v = (torch.randn(2, 5, 8, requires_grad=True) for _ in range(3))
out = attend(q, k, v, temperature=0.5)
out.sum().backward()
print(q.grad.shape)
