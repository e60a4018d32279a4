# case: notebook comparing .data and .detach(): y1 = x1.sigmoid(), z1 = y1.data, then z1.zero_() wipes the sigmoid output that SigmoidBackward saved; the write bypasses the version counter, so y1.sum().backward() silently yields x1.grad == 0
# source: https://github.com/Redmoon-2333/Deep_Learning
import torch

x1 = torch.tensor([1.0, 2, 3], requires_grad=True)
y1 = x1.sigmoid()
print("y1:", y1)

# .data gives a tensor that shares storage with y1 and does not require grad
z1 = y1.data
print("z1.requires_grad:", z1.requires_grad)

z1.zero_()  # expect: GG008
print("y1 after z1.zero_():", y1)

y1.sum().backward()
print("x1.grad:", x1.grad)  # tensor([0., 0., 0.]) instead of sigmoid'(x1)
