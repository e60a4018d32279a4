# case: a pass scales every buffer of a model in place through `buffers()`; the tensor that requires grad is a plain attribute (`self.offset = ...`), not a registered buffer, so the pass never touches it and the model runs
import torch
import torch.nn as nn


class Shifted(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.offset = torch.zeros(n, requires_grad=True)
        self.register_buffer("scale", torch.ones(n))

    def forward(self, x):
        return x * self.scale + self.offset


def scale_buffers(model, factor):
    for buf in model.buffers():
        buf.mul_(factor)
    return model


torch.manual_seed(0)
model = scale_buffers(Shifted(4), 2.0)
model(torch.randn(3, 4)).sum().backward()
print(model.offset.grad)
