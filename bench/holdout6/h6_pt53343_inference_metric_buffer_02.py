# source: https://github.com/pytorch/pytorch/pull/53343
# case: the metric allocates its buffer in `__init__`, outside inference mode: a normal tensor may be updated in place both inside the inference-mode evaluation and in the training loop
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class RunningMean:
    def __init__(self):
        self.total = torch.zeros(())
        self.count = 0

    def update(self, value):
        self.total += value
        self.count += 1

    def compute(self):
        return self.total / max(self.count, 1)


@torch.inference_mode()
def evaluate(model, batches, metric):
    for x, y in batches:
        metric.update(F.mse_loss(model(x), y))


model = nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_meter = RunningMean()
batches = [(torch.randn(4, 3), torch.randn(4, 1)) for _ in range(2)]
evaluate(model, batches, loss_meter)
for x, y in batches:
    loss = F.mse_loss(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    loss_meter.update(loss.detach())
print(loss_meter.compute())
