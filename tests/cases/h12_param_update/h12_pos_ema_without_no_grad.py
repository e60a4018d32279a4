# case: EMA of a model made with copy.deepcopy: the EMA parameters still require grad, and the update has no no_grad
import copy

import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(4, 2)
ema = copy.deepcopy(model)
decay = 0.99


def update_ema():
    for ema_p, p in zip(ema.parameters(), model.parameters()):
        ema_p.mul_(decay).add_(p, alpha=1 - decay)  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.


opt = torch.optim.SGD(model.parameters(), lr=0.1)
opt.zero_grad()
model(torch.randn(3, 4)).sum().backward()
opt.step()
update_ema()
