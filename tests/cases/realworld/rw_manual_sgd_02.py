# case: the maintainer's suggested fix s_batch = s_batch - lr * grad makes s_batch a non-leaf; its .grad is None, so the next line fails
# source: https://github.com/BaiTheBest/SparseLLM/issues/13
import torch

s = torch.zeros(8, 4, dtype=torch.float16)
W = torch.randn(4, 4)
target = torch.randn(8, 4)
s_learning_rate = 0.1
chunk = slice(0, 4)

s_batch = s[:, chunk].float().clone().requires_grad_(True)
loss_s = ((s_batch @ W - target) ** 2).mean()
loss_s.backward()
s_batch = s_batch - s_learning_rate * s_batch.grad  # expect: GG009
s_batch.grad.zero_()  # raises: AttributeError: 'NoneType' object has no attribute 'zero_'
s[:, chunk] = s_batch.detach().to(dtype=torch.float16)
