# case: the clean twin: the same full backward hooks on every Conv2d/Linear, with `ReLU(inplace=False)` after the hooked conv; the activation makes a new tensor instead of writing the view BackwardHookFunction returned, and the gradients are captured
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
    nn.ReLU(inplace=False),
    nn.Flatten(),
    nn.Linear(18, 3),
)
capture = GradCapture(model)
out = model(torch.rand(2, 1, 5, 5))
out.sum().backward()
