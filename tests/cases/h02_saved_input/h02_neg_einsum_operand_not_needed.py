# case: einsum does not keep an operand for its own gradient: modifying `a` (the only operand that needs grad) after the call is fine
import torch

w = torch.randn(2, 3, requires_grad=True)
a = w * 2
b = torch.randn(3, 4)
out = torch.einsum("ij,jk->ik", [a, b])
a.add_(1)
out.sum().backward()
print(w.grad.shape)
