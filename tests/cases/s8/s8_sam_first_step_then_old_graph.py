# case: a SAM-style optimizer (a torch.optim.Optimizer subclass) climbs to w + e(w) in first_step, writing each parameter of self.param_groups in place under no_grad; the loop then backwards the loss of the first forward again (retain_graph=True), whose saved weights first_step moved
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
                p.add_(e_w)  # expect: GG002

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
loss = model(x).pow(2).mean()  # saver
loss.backward(retain_graph=True)
optimizer.first_step()
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
optimizer.second_step()
