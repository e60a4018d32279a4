# case: the same slot-buffer reduction with op=torch.add (the case the reporter says works): add saves nothing, so the slot writes are harmless
# source: https://github.com/pytorch/pytorch/issues/74874
import torch
from torch import Tensor


def reduce(x: Tensor, y: Tensor, z: Tensor, op) -> Tensor:
    tensor = torch.zeros((5,), dtype=torch.float32, requires_grad=False)
    tensor[0] = x
    tensor[1] = y
    tensor[3] = z

    tensor[2] = op(tensor[0], tensor[1])
    tensor[4] = op(tensor[2], tensor[3])
    return tensor[4]


with torch.autograd.set_detect_anomaly(True):
    inputs = [
        torch.randn((1,), requires_grad=True),
        torch.randn((1,), requires_grad=True),
        torch.randn((1,), requires_grad=True),
    ]

    out = reduce(*inputs, op=torch.add)
    grad = torch.autograd.grad(
        out, inputs, torch.randn_like(out),
    )
    print(f'grad => {grad}')
