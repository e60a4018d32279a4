# source: https://github.com/pytorch/pytorch/issues/197054
# case: the "version counter bypass": a view of x feeds `out = view * 2.0`, the gradient is taken with retain_graph=True, the view is bumped in place under no_grad and the retained graph is differentiated again; multiplying by a Python scalar saves no tensor, so there is nothing for the version check to catch and the second pass runs
import torch

torch.manual_seed(0)


def test_version_counter_bypass():
    x = torch.randn(10, requires_grad=True)
    view = x.view(-1)
    out = view * 2.0
    grads = torch.autograd.grad(out.sum(), x, retain_graph=True, create_graph=True)
    with torch.no_grad():
        view.add_(1.0)
    grads_2 = torch.autograd.grad(out.sum(), x)
    return grads, grads_2


g1, g2 = test_version_counter_bypass()
assert torch.equal(g1[0].detach(), g2[0])
