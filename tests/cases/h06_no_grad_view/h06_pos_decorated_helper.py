# case: a @torch.no_grad() helper returns a view; the caller modifies it with grad enabled
import torch


@torch.no_grad()
def first_half(t):
    return t[: t.shape[0] // 2]


x = torch.randn(4, requires_grad=True)
h = x * 1
first_half(h).mul_(2)  # expect: GG004  # raises: RuntimeError: created in no_grad mode and is being modified inplace with grad mode enabled
