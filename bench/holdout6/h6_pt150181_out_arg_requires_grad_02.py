# source: https://github.com/pytorch/pytorch/issues/150181
# case: what the issue asks the docs to say: the same out= accumulation run under `torch.no_grad()`, where no argument is recorded for autograd
import torch

torch.manual_seed(0)


def running_sum(buffer, values):
    with torch.no_grad():
        for v in values:
            torch.add(buffer, v, out=buffer)
    return buffer


bias = torch.full((2, 3), 0.5, requires_grad=True)
values = [bias * k for k in range(3)]
buffer = torch.zeros(2, 3)
total = running_sum(buffer, values)
print(total)
