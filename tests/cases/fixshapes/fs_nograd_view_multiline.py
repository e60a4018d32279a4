# case: a view taken under no_grad (inside a `with` written over two lines) then written in place with grad mode on
import torch

w = torch.randn(4, requires_grad=True)
x = w * 2
with (
    torch.no_grad()
):
    head = x[:2]
head.mul_(3)  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled
x.sum().backward()
print(w.grad)
