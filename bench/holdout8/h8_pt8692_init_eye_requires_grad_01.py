# source: https://github.com/pytorch/pytorch/issues/8692
# case: the initialisation `nn.init.eye_(L.weight)` on a Linear's Parameter: the init functions write under no_grad internally, and since the fix the Parameter keeps requires_grad=True, so the identity-initialised layer trains
import torch
import torch.nn as nn

torch.manual_seed(0)


class Residualish(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.L = nn.Linear(dim, dim)
        nn.init.eye_(self.L.weight)
        nn.init.zeros_(self.L.bias)
        self.out = nn.Linear(dim, 1)

    def forward(self, x):
        return self.out(torch.tanh(self.L(x)))


model = Residualish(5)
assert model.L.weight.requires_grad
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(4, 5), torch.randn(4, 1)
loss = nn.functional.mse_loss(model(x), y)
loss.backward()
opt.step()
assert model.L.weight.grad is not None
