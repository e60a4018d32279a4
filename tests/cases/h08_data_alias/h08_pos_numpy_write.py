# case: writing through y.detach().numpy() changes the sigmoid output that autograd saved; no version bump, silent wrong grad
import torch

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = torch.sigmoid(x)
a = y.detach().numpy()  # shares memory with y, but numpy writes are invisible to the version counter
a[0] = 0.0  # expect: GG008
y.sum().backward()
print("x.grad[0] is", x.grad[0].item(), "but sigmoid'(0.5) is about 0.235")
