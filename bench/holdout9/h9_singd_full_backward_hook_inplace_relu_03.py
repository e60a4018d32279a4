# source: https://github.com/f-dangel/singd/issues/56
# case: look-alike: the optimizer captures output gradients with a forward hook that registers a tensor hook on each layer's output (`output.register_hook(...)`) instead of a full module backward hook; no BackwardHookFunction view is created, the in-place ReLU on the conv output is allowed, and training runs
import torch
from torch.nn import Conv2d, Flatten, Linear, ReLU, Sequential
from torch.optim import Optimizer

torch.manual_seed(0)


class SINGD(Optimizer):
    SUPPORTED_MODULES = (Linear, Conv2d)

    def __init__(self, model, lr=0.01, damping=1e-3, T=1):
        self.model = model
        self.module_names = [name for name, mod in model.named_modules() if isinstance(mod, self.SUPPORTED_MODULES)]
        params = [p for name in self.module_names for p in model.get_submodule(name).parameters()]
        super().__init__(params, dict(lr=lr, damping=damping, T=T))
        self.inputs, self.grad_outputs = {}, {}
        self.hook_handles = []
        for name in self.module_names:
            module = model.get_submodule(name)
            self.hook_handles.append(module.register_forward_pre_hook(self._save_input(name)))
            self.hook_handles.append(module.register_forward_hook(self._hook_output(name)))

    def _save_input(self, name):
        def hook(module, inputs):
            if torch.is_grad_enabled():
                self.inputs[name] = inputs[0].detach()

        return hook

    def _hook_output(self, name):
        def hook(module, inputs, output):
            if output.requires_grad:
                output.register_hook(lambda grad: self.grad_outputs.__setitem__(name, grad.detach()))

        return hook

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad / (p.grad.norm() + group["damping"]), alpha=-group["lr"])


model = Sequential(
    Conv2d(1, 2, 3),
    ReLU(inplace=True),
    Flatten(),
    Linear(18, 3),
)
optim = SINGD(model)  # install hooks
X = torch.rand(2, 1, 5, 5)
y = torch.tensor([0, 2])
for step in range(2):
    optim.zero_grad()
    output = model(X)
    loss = torch.nn.functional.cross_entropy(output, y)
    loss.backward()
    optim.step()
