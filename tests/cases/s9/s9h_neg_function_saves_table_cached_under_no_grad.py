# case: look-alike: the evaluation that fills the cache runs under `torch.no_grad()` instead of `torch.inference_mode()`; the cached table is a normal tensor and the custom Function can save it in the training step
import torch
from torch import nn


class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, table):
        ctx.save_for_backward(table)
        return x * table

    @staticmethod
    def backward(ctx, grad):
        (table,) = ctx.saved_tensors
        return grad * table, None


class ScaledEncoding(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.proj = nn.Linear(dim, dim)
        self._table = None
        self._cached_len = 0

    def _update(self, n, device):
        if n > self._cached_len or self._table is None or self._table.device != device:
            self._cached_len = n
            self._table = torch.linspace(0.5, 1.5, n * self.dim).view(n, self.dim)

    def forward(self, x):
        self._update(x.shape[0], x.device)
        return Scale.apply(self.proj(x), self._table[: x.shape[0]])


torch.manual_seed(0)
model = ScaledEncoding(4)
x = torch.randn(6, 4)
model.eval()
with torch.no_grad():
    print(model(x).sum().item())
model.train()
loss = model(x).sum()
loss.backward()
