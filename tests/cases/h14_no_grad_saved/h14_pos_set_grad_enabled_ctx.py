# case: in-place inside `with torch.set_grad_enabled(False):` on an exp output saved by ExpBackward
import torch


def forward(x, train):
    y = torch.exp(x)  # saver
    with torch.set_grad_enabled(False):
        y.clamp_(max=5.0)  # expect: GG002
    return y.sum()


x = torch.randn(4, requires_grad=True)
forward(x, train=True).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
