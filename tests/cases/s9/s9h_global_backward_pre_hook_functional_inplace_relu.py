# case: a backward pre-hook registered for every module (`torch.nn.modules.module.register_module_full_backward_pre_hook`) makes each module call pass its output through BackwardHookFunction, a view; the MLP's forward applies `F.relu(self.fc1(x), inplace=True)` to the hooked Linear's output and the forward fails
import torch
import torch.nn.functional as F
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        h = F.relu(self.fc1(x), inplace=True)  # expect: GG004  # raises: RuntimeError: This view was created inside a custom Function
        return self.fc2(h)


def log_grad(module, grad_output):
    print(type(module).__name__, grad_output[0].norm().item())


torch.manual_seed(0)
model = MLP()
handle = torch.nn.modules.module.register_module_full_backward_pre_hook(log_grad)
try:
    loss = model(torch.randn(3, 4)).sum()
    loss.backward()
finally:
    handle.remove()
