# case: the two fixes suggested in the same answer: clone before the in-place op, or do it under torch.no_grad()
# source: https://discuss.pytorch.org/t/leaf-variable-was-used-in-an-inplace-operation/308/2
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x2 = x.clone()  # clone the variable
x2 += 1  # in-place operation
x2.sum().backward()

with torch.no_grad():
    x += 1
print(x, x.grad)
