# case: a gradient-capturing helper registers a full backward hook on every Conv2d/Linear it finds through `named_modules()`/`get_submodule`; each hooked call returns its output through torch's BackwardHookFunction, a custom autograd.Function, as a view, and the `ReLU(inplace=True)` after the hooked conv modifies that view in place, which autograd forbids in the forward
import torch
from torch import nn


class GradCapture:
    def __init__(self, model):
        self.grads = {}
        names = [n for n, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
        for name in names:
            model.get_submodule(name).register_full_backward_hook(self._keep(name))

    def _keep(self, name):
        def hook(module, grad_input, grad_output):
            self.grads[name] = grad_output[0].detach()

        return hook


torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 2, 3),
    nn.ReLU(inplace=True),  # expect: GG004
    nn.Flatten(),
    nn.Linear(18, 3),
)
capture = GradCapture(model)
out = model(torch.rand(2, 1, 5, 5))  # raises: RuntimeError: This view was created inside a custom Function
out.sum().backward()
