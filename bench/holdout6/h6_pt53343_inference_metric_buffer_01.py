# source: https://github.com/pytorch/pytorch/pull/53343
# case: a running-mean metric allocates its buffer lazily on first update; the first update happens in an `@torch.inference_mode()` evaluation, so the buffer is an inference tensor, and the next training-time `self.total += value` updates it in place outside inference mode
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class RunningMean:
    def __init__(self):
        self.total = None
        self.count = 0

    def update(self, value):
        if self.total is None:
            self.total = torch.zeros_like(value)
        self.total += value  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed
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
