# case: `next(gen)` takes the first tensor a generator yields (a tanh output, which tanh saved); adding to it in place breaks the backward through the tanh
import torch


def activations(x, w):
    h = x @ w
    yield torch.tanh(h)  # saver
    yield h * 2


torch.manual_seed(0)
w = torch.randn(4, 4, requires_grad=True)
first = next(activations(torch.randn(2, 4), w))
first += 1  # expect: GG002
first.sum().backward()  # raises: RuntimeError: modified by an inplace operation
