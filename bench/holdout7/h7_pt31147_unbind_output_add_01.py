# source: https://github.com/pytorch/pytorch/pull/31147
# case: the PR's view/in-place matrix, grad mode on and a base that requires grad: `out = base.unbind(0)` returns multi-output views, and `out[0].add_(1)` is rejected
import torch

torch.manual_seed(0)


def run_test(grad_mode, requires_grad):
    a = torch.rand(4, 2, requires_grad=requires_grad)
    with torch.set_grad_enabled(grad_mode):
        base = a.clone()
        out = base.unbind(0)
        out[0].add_(1)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
        return base


base = run_test(grad_mode=True, requires_grad=True)
base.sum().backward()
