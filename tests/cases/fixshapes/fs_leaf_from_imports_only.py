# case: only names imported from torch (`from torch import ones, tanh`); a leaf that requires grad is written in place
from torch import nn, ones

w = ones(3, requires_grad=True)
lin = nn.Linear(3, 1)
w.add_(1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
lin(w).sum().backward()
print(w.grad)
