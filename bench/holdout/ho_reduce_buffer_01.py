# case: inputs are copied into slots of one buffer and reduced pairwise into later slots; with op=torch.mul each product saves views of the buffer and the slot write on the same line bumps their shared version
# source: https://github.com/pytorch/pytorch/issues/74874
import torch
from torch import Tensor


def reduce(x: Tensor, y: Tensor, z: Tensor, op) -> Tensor:
    tensor = torch.zeros((5,), dtype=torch.float32, requires_grad=False)
    tensor[0] = x
    tensor[1] = y
    tensor[3] = z

    tensor[2] = op(tensor[0], tensor[1])  # expect: GG002  # saver
    tensor[4] = op(tensor[2], tensor[3])  # expect: GG002  # saver
    return tensor[4]


with torch.autograd.set_detect_anomaly(True):
    inputs = [
        torch.randn((1,), requires_grad=True),
        torch.randn((1,), requires_grad=True),
        torch.randn((1,), requires_grad=True),
    ]

    out = reduce(*inputs, op=torch.mul)
    grad = torch.autograd.grad(  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        out, inputs, torch.randn_like(out),
    )
    print(f'grad => {grad}')
