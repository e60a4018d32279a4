# case: EMA update ema_p.mul_(d).add_(p, alpha=1-d) under torch.no_grad(), after opt.step()
import copy

import torch
import torch.nn as nn


class EMA:
    def __init__(self, model, decay=0.99):
        self.decay = decay
        self.shadow = copy.deepcopy(model)

    @torch.no_grad()
    def update(self, model):
        for ema_p, p in zip(self.shadow.parameters(), model.parameters()):
            ema_p.mul_(self.decay).add_(p, alpha=1 - self.decay)


torch.manual_seed(0)
model = nn.Linear(4, 2)
ema = EMA(model)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    opt.zero_grad()
    model(torch.randn(3, 4)).pow(2).mean().backward()
    opt.step()
    ema.update(model)
with torch.no_grad():
    for ema_p, p in zip(ema.shadow.parameters(), model.parameters()):
        ema_p.lerp_(p, 0.5)
print("ok", ema.shadow.weight.is_leaf)
