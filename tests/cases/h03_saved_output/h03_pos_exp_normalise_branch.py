# case: hand-written softmax: exp output normalised in place inside an if branch
import torch


def scores(x, normalise=True):
    e = torch.exp(x)  # saver
    if normalise:
        e /= e.sum()  # expect: GG002
    return e


x = torch.randn(5, requires_grad=True)
p = scores(x)
p[0].backward()  # raises: RuntimeError: modified by an inplace operation
