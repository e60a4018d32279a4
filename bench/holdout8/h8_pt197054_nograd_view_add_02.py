# source: https://github.com/pytorch/pytorch/issues/197054
# case: contrast to the repro: the retained graph multiplies the view by a weight tensor (`out = view * scale`), so MulBackward saved the view; bumping the view in place under no_grad before the second autograd.grad is caught by the version check
import torch

torch.manual_seed(0)


def test_version_counter_with_saved_view():
    x = torch.randn(10, requires_grad=True)
    scale = torch.full((10,), 2.0, requires_grad=True)
    view = x.view(-1)
    out = view * scale  # saver
    grads = torch.autograd.grad(out.sum(), (x, scale), retain_graph=True, create_graph=True)
    with torch.no_grad():
        view.add_(1.0)  # expect: GG002
    grads_2 = torch.autograd.grad(out.sum(), (x, scale))  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    return grads, grads_2


test_version_counter_with_saved_view()
