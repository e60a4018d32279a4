# source: https://github.com/f-dangel/singd/issues/56
# case: the same full backward hooks with a hand-written model whose forward applies `F.relu(x, inplace=True)` to the hooked Linear layer's output (an MLP head after a conv trunk); the in-place ReLU modifies the view returned by the Linear's BackwardHookFunction and the forward fails
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
            self.hook_handles.append(module.register_full_backward_hook(self._save_grad_output(name)))

    def _save_input(self, name):
        def hook(module, inputs):
            if torch.is_grad_enabled():
                self.inputs[name] = inputs[0].detach()

        return hook

    def _save_grad_output(self, name):
        def hook(module, grad_input, grad_output):
            self.grad_outputs[name] = grad_output[0].detach()

        return hook

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad / (p.grad.norm() + group["damping"]), alpha=-group["lr"])


class ConvMLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = Conv2d(1, 2, 3)
        self.flatten = Flatten()
        self.fc1 = Linear(18, 8)
        self.fc2 = Linear(8, 3)

    def forward(self, x):
        x = self.flatten(torch.tanh(self.conv(x)))
        x = torch.nn.functional.relu(self.fc1(x), inplace=True)  # expect: GG004  # raises: RuntimeError: is a view and is being modified inplace
        return self.fc2(x)


model = ConvMLP()
optim = SINGD(model)  # install hooks
X = torch.rand(2, 1, 5, 5)
y = torch.tensor([0, 2])
for step in range(2):
    optim.zero_grad()
    output = model(X)
    loss = torch.nn.functional.cross_entropy(output, y)
    loss.backward()
    optim.step()
