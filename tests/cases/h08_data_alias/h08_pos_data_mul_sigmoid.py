# case: y.data.mul_() on a sigmoid output that SigmoidBackward saved: runs, x.grad is silently wrong
import torch

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = torch.sigmoid(x)
correct = (y * (1 - y)).detach().clone()
y.data.mul_(2)  # expect: GG008
y.sum().backward()
print("grad", x.grad, "correct", correct, "equal?", torch.allclose(x.grad, correct))
