# case: attention weights from softmax are rescaled by a helper in another module with mul_
import torch

from attn import attend

torch.manual_seed(0)
q, k, v = (torch.randn(2, 5, 8, requires_grad=True) for _ in range(3))
out = attend(q, k, v, temperature=0.5)
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
print(q.grad.shape)
