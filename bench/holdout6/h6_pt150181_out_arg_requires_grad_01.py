# source: https://github.com/pytorch/pytorch/issues/150181
# case: the thread's combination of `torch.full(..., requires_grad=True)` and `torch.add(..., out=...)`, wrapped in a running-sum helper: the out= call gets an argument that requires grad with grad mode on
import torch

torch.manual_seed(0)


def running_sum(buffer, values):
    for v in values:
        torch.add(buffer, v, out=buffer)  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
    return buffer


bias = torch.full((2, 3), 0.5, requires_grad=True)
values = [bias * k for k in range(3)]
buffer = torch.zeros(2, 3)
total = running_sum(buffer, values)
print(total)
