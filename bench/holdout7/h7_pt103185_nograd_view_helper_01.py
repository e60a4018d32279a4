# source: https://github.com/pytorch/pytorch/pull/103185
# case: the PR's scenario: a helper (`arglebargle`) allocates a view of a tensor that requires grad inside torch.no_grad() and returns it; the caller modifies the view in place with grad mode on, under anomaly mode, which now reports where the view was allocated
import torch

torch.manual_seed(0)


def arglebargle(x):
    with torch.no_grad():
        return x.view(-1)


weight = torch.randn(3, 4, requires_grad=True)
hidden = weight * 2.0
with torch.autograd.detect_anomaly(check_nan=False):
    flat = arglebargle(hidden)
    flat.mul_(0.5)  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled
    hidden.sum().backward()
