# case: x += 1 on a tensor created with requires_grad=True (a leaf)
# source: https://discuss.pytorch.org/t/leaf-variable-was-used-in-an-inplace-operation/308/2
import torch

w = torch.tensor([1.0, 2.0, 3.0])  # leaf variable
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)  # also leaf variable
y = x + 1  # not a leaf variable
x += 1  # in-place  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
