# case: `torch.add(..., out=buf)` spelled over several lines inside a function, where an argument requires grad
import torch


def accumulate(buf, x, y):
    torch.add(  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
        x,
        y,  # the update
        out=buf,
    )
    return buf


x = torch.randn(3, requires_grad=True)
print(accumulate(torch.zeros(3), x, torch.ones(3)))
