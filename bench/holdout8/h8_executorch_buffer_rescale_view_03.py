# source: https://github.com/pytorch/executorch/pull/17901
# case: look-alike: the same in-place rescaling pass, run under `torch.no_grad()` as export passes usually are; writing through a view of the grad-requiring buffer is then allowed, and export runs
import torch
import torch.nn as nn

torch.manual_seed(0)


class RotaryTable(nn.Module):
    def __init__(self, dim=8, max_len=6):
        super().__init__()
        inv_freq = 1.0 / (10000 ** (torch.arange(0, dim, 2).float() / dim))
        t = torch.arange(max_len).float()
        freqs = torch.outer(t, inv_freq)
        # the table was produced by a module that kept autograd on
        self.register_buffer("cos_cached", freqs.cos().detach().requires_grad_(True))
        self.register_buffer("sin_cached", freqs.sin().detach())
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        n = x.shape[1]
        cos = torch.cat([self.cos_cached[:n], self.cos_cached[:n]], dim=-1)
        sin = torch.cat([self.sin_cached[:n], self.sin_cached[:n]], dim=-1)
        return self.proj(x * cos + x * sin)


class RescaleBuffersPass:
    """Folds a per-channel scale into the first columns of every floating-point buffer."""

    def __init__(self, scale, num_channels):
        self.scale = scale
        self.num_channels = num_channels

    def call(self, module):
        for name, buf in module.named_buffers():
            if not buf.is_floating_point():
                continue
            buf[..., : self.num_channels].mul_(self.scale)
        return module


model = RotaryTable()
with torch.no_grad():
    model = RescaleBuffersPass(scale=0.5, num_channels=2).call(model)
example = torch.randn(1, 4, 8)
exported = torch.export.export(model.eval(), (example,))
print(exported.module()(example).shape)
