# case: a projected-gradient step rebinds `x` out of place and then again by a clamp: updating it in place alone would not keep it a leaf, the clamp makes it a non-leaf and the next round's `x.grad` is None
import torch

torch.manual_seed(0)
w = torch.randn(4, 2)
x = torch.rand(3, 4, requires_grad=True)
for step in range(3):
    loss = (x @ w).pow(2).sum()
    print("loss", loss.item())
    loss.backward()
    x = x - 0.05 * x.grad.sign()  # expect: GG009 # raises: AttributeError: 'NoneType' object has no attribute 'sign'
    x = torch.clamp(x, 0.0, 1.0)
print(x.sum().item())
