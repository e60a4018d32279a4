# source: https://github.com/pytorch/pytorch/pull/31147
# case: the PR's single-output view column of the same matrix: `view = base.view_as(base)` may be modified in place (`view.add_(1)`) with grad mode on; autograd rebases the view's history and backward runs
import torch

torch.manual_seed(0)


def run_test(grad_mode, requires_grad):
    a = torch.rand(4, 2, requires_grad=requires_grad)
    with torch.set_grad_enabled(grad_mode):
        base = a.clone()
        view = base.view_as(base)
        view.add_(1)
        return base, a


base, a = run_test(grad_mode=True, requires_grad=True)
base.sum().backward()
assert a.grad is not None
