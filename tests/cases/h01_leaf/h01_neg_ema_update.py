# case: EMA of parameters in a @torch.no_grad() method of a helper class
import torch
import torch.nn as nn


class EMA:
    def __init__(self, model, decay=0.9):
        self.decay = decay
        self.shadow = [p.detach().clone() for p in model.parameters()]

    @torch.no_grad()
    def update(self, model):
        for s, p in zip(self.shadow, model.parameters()):
            s.mul_(self.decay).add_(p, alpha=1 - self.decay)
            p.copy_(s)


model = nn.Linear(2, 2)
ema = EMA(model)
model(torch.randn(3, 2)).sum().backward()
ema.update(model)
print(ema.shadow[0])
