# source: https://github.com/pytorch/pytorch/pull/103185
# case: what the error message asks for: the helper creates the view and the caller does the in-place update both inside torch.no_grad(), so autograd does not track the write; the later backward through `hidden` runs (anomaly mode on)
import torch

torch.manual_seed(0)


def arglebargle(x):
    with torch.no_grad():
        return x.view(-1)


weight = torch.randn(3, 4, requires_grad=True)
hidden = weight * 2.0
with torch.autograd.detect_anomaly(check_nan=False):
    flat = arglebargle(hidden)
    with torch.no_grad():
        flat.mul_(0.5)
    hidden.sum().backward()
assert weight.grad is not None
