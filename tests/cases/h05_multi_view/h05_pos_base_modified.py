# case: the BASE of unbind outputs is modified in place; using a view afterwards raises (H5e)
import torch

x = torch.randn(2, 3, requires_grad=True)
base = x * 1
a, b = base.unbind(0)
base.mul_(2)  # expect: GG003
loss = a.sum()  # raises: RuntimeError: its base or another view of its base has been modified inplace
loss.backward()
