# case: batched torch.matmul into a preallocated (movedim-permuted) out= buffer: fine with detached operands, but with operands that require grad the out= call is rejected (the 2023 report hit an internal assert instead of this error)
# source: https://github.com/pytorch/pytorch/issues/116099
import torch

a = torch.empty((16, 32), requires_grad=True).unsqueeze(0)
b = torch.empty((4, 8, 32), requires_grad=True).transpose(-1, -2)
c = torch.empty((16, 4, 8)).movedim(1, 0)
_ = torch.matmul(a.detach(), b.detach(), out=c)
_ = torch.matmul(a, b, out=c)  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
