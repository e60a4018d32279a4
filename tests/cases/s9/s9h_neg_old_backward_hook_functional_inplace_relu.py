# case: look-alike: the same MLP with the old, non-full `register_backward_hook` on its first Linear; that hook is attached to the output's grad_fn and wraps nothing, so `F.relu(self.fc1(x), inplace=True)` writes an ordinary tensor and training runs
import warnings

import torch
import torch.nn.functional as F
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        h = F.relu(self.fc1(x), inplace=True)
        return self.fc2(h)


def log_grad(module, grad_input, grad_output):
    print(type(module).__name__, grad_output[0].norm().item())


warnings.simplefilter("ignore")
torch.manual_seed(0)
model = MLP()
model.fc1.register_backward_hook(log_grad)
loss = model(torch.randn(3, 4)).sum()
loss.backward()
