# source: https://github.com/pytorch/pytorch/issues/8692
# case: contrast to the issue: instead of `nn.init.eye_`, the weight is set to the identity by hand with grad mode on (`self.L.weight.copy_(torch.eye(dim))`); an in-place copy into a leaf Parameter that requires grad raises while the model is built
import torch
import torch.nn as nn

torch.manual_seed(0)


class Residualish(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.L = nn.Linear(dim, dim)
        self.L.weight.copy_(torch.eye(dim))  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        nn.init.zeros_(self.L.bias)
        self.out = nn.Linear(dim, 1)

    def forward(self, x):
        return self.out(torch.tanh(self.L(x)))


model = Residualish(5)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(4, 5), torch.randn(4, 1)
loss = nn.functional.mse_loss(model(x), y)
loss.backward()
opt.step()
