# case: y.data[0] = 0 on an exp output (saved by ExpBackward): x.grad[0] silently becomes 0
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.exp()
y.data[0] = 0.0  # expect: GG008
y.sum().backward()
print("grad", x.grad, "correct", x.detach().exp())
