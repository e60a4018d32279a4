# case: a positional-encoding module caches a scale table on first use; the first call runs in an evaluation under `torch.inference_mode()`, so the cached table is an inference tensor, and in the next training step a custom autograd.Function given the table saves it with `ctx.save_for_backward`, which autograd refuses at the `apply` call
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
        return Scale.apply(self.proj(x), self._table[: x.shape[0]])  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward


torch.manual_seed(0)
model = ScaledEncoding(4)
x = torch.randn(6, 4)
model.eval()
with torch.inference_mode():
    print(model(x).sum().item())
model.train()
loss = model(x).sum()
loss.backward()
