# case: a full backward hook on every module of the network (`for m in model.modules()`), the in-place ReLU included; a hooked call also passes its inputs through BackwardHookFunction when one requires grad, so the ReLU's own input is already such a view when it writes it in place
import torch
from torch import nn


def show(module, grad_input, grad_output):
    print(type(module).__name__, grad_output[0].shape)


torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(4, 8),
    nn.ReLU(inplace=True),  # expect: GG004
    nn.Linear(8, 2),
)
for m in model.modules():
    if isinstance(m, nn.ReLU):
        m.register_full_backward_hook(show)
out = model(torch.randn(3, 4))  # raises: RuntimeError: This view was created inside a custom Function
out.sum().backward()
