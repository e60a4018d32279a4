# case: the .detach() half of the same notebook: z2 = y2.detach() shares storage and the version counter with the sigmoid output, so z2.zero_() is recorded and y2.sum().backward() refuses to use the overwritten output
# source: https://github.com/Redmoon-2333/Deep_Learning
import torch

x2 = torch.tensor([1.0, 2, 3], requires_grad=True)
y2 = x2.sigmoid()
print("y2:", y2)

# .detach() also shares storage with y2 and does not require grad
z2 = y2.detach()
print("z2.requires_grad:", z2.requires_grad)

z2.zero_()  # expect: GG002
print("y2 after z2.zero_():", y2)

y2.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print("x2.grad:", x2.grad)
