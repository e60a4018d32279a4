# case: a generation step decorated with @torch.inference_mode() swaps the norm layers' weights for half-precision copies through `param.data = ...` (parameters picked by name with `any(...)`) and restores the saved copies the same way; the copies were made in inference mode, so the restored weights are inference tensors, and the next forward with grad cannot save a norm weight for backward
import torch
import torch.nn as nn

torch.manual_seed(0)
NORM_NAMES = ["norm", "ln_f"]


class RMSNorm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))

    def forward(self, x):
        x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)
        return self.weight * x  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(4, 4)
        self.norm = RMSNorm(4)

    def forward(self, x):
        return self.norm(self.proj(x))


def cast_norms(model, saved=None):
    state = {}
    for name, param in model.named_parameters():
        if any(n in name for n in NORM_NAMES):
            if saved is not None:
                param.data = saved[name]
            else:
                state[name] = param.data.detach().clone()
                param.data = param.data.to(torch.float16)
    return state


@torch.inference_mode()
def generate(model, x):
    saved = cast_norms(model)
    out = x.clone()  # stand-in for sampling tokens
    cast_norms(model, saved)
    return out


model = Tiny()
prompt = generate(model, torch.randn(2, 4))
model(torch.randn(2, 4)).sum().backward()
