# case: out-of-place update in a training loop: 2nd iteration finds w.grad is None (w became a non-leaf) and crashes
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
x = torch.randn(8, 3)
lr = 0.1
for epoch in range(3):
    loss = (x @ w).pow(2).mean()
    loss.backward()
    w = w - lr * w.grad  # expect: GG009 # raises: TypeError: unsupported operand type(s) for *: 'float' and 'NoneType'
