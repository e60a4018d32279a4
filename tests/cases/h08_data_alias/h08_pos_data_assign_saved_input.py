# case: rebinding w.data of a tensor that MulBackward saved as an input swaps the saved value too: x.grad silently becomes 0
import torch

x = torch.ones(3, requires_grad=True)
w = torch.full((3,), 2.0)
y = x * w  # saves w for x's gradient
w.data = torch.zeros(3)  # expect: GG008
y.sum().backward()
print("x.grad", x.grad, "(should be 2s)")
