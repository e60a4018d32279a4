# case: the same SAM-style optimizer used as intended: after first_step the loss is computed again by a second forward pass at w + e(w), so no backward reaches a graph whose saved weights first_step moved
import torch
import torch.nn as nn
from torch.optim import Optimizer


class SAM(Optimizer):
    def __init__(self, params, base_optimizer, rho=0.05, **kwargs):
        defaults = dict(rho=rho, **kwargs)
        super().__init__(params, defaults)
        self.base_optimizer = base_optimizer(self.param_groups, **kwargs)
        self.param_groups = self.base_optimizer.param_groups

    @torch.no_grad()
    def first_step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                self.state[p]["e_w"] = e_w = p.grad * group["rho"]
                p.add_(e_w)

    @torch.no_grad()
    def second_step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                p.sub_(self.state[p]["e_w"])
        self.base_optimizer.step()


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
optimizer = SAM(model.parameters(), torch.optim.SGD, lr=0.1)
x = torch.randn(5, 4)
loss = model(x).pow(2).mean()
loss.backward()
optimizer.first_step()
optimizer.zero_grad()
model(x).pow(2).mean().backward()
optimizer.second_step()
