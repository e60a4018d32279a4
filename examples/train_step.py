"""A small training script with the in-place mistakes people make every day.

Run `gradguard check examples/` to see each one named with the op that saved the tensor.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


class Gate(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gate = torch.sigmoid(self.proj(x))
        gate.mul_(2)  # sigmoid saved its output: backward will fail
        return self.act(x * gate)


torch.manual_seed(0)
model = Gate(4)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
w = torch.randn(4, requires_grad=True)

for step in range(3):
    x = torch.randn(8, 4)
    h = torch.tanh(x @ model.proj.weight.t())
    h += 1  # tanh saved h as its output
    loss = (model(x) * w).sum() + h.sum()
    opt.zero_grad()
    loss.backward()
    w -= 0.1 * w.grad  # a leaf that requires grad, updated outside no_grad
    opt.step()

scores = F.softmax(torch.randn(3, 5, requires_grad=True), dim=-1)
first, second, third = scores.unbind(0)
first.zero_()  # outputs of unbind may not be modified in place
