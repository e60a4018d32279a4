# case: MAML-style inner loop: fast = w - lr * g with g from torch.autograd.grad(create_graph=True) is intended to be a non-leaf
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
x_s, y_s = torch.randn(8, 3), torch.randn(8)
x_q, y_q = torch.randn(8, 3), torch.randn(8)

fast = w
for inner in range(2):
    inner_loss = (x_s @ fast - y_s).pow(2).mean()
    (g,) = torch.autograd.grad(inner_loss, fast, create_graph=True)
    fast = fast - 0.1 * g
meta_loss = (x_q @ fast - y_q).pow(2).mean()
meta_loss.backward()
print("ok", w.grad is not None, fast.is_leaf)
