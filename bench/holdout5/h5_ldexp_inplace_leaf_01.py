# source: https://github.com/pytorch/pytorch/issues/68966
# case: the thread's snippet: `a.ldexp_(b)` on a tensor created with `requires_grad=True` (the 2021 message blamed the out= kernel; torch 2.13 reports the leaf)
import torch

a = torch.tensor([1.], requires_grad=True)
b = torch.tensor([1.], requires_grad=True)
a.ldexp_(b)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
a.sum().backward()
