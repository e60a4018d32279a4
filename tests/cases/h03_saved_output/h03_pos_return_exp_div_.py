# case: a softmax helper returns `e.div_(total)`: the in-place division overwrites exp's saved output; returning `e.div(total)` computes the same value
import torch
import torch.nn as nn


def softmax_rows(scores):
    e = scores.exp()  # saver
    total = e.sum(-1, keepdim=True)
    return e.div_(total)  # expect: GG002


torch.manual_seed(0)
lin = nn.Linear(4, 5)
probs = softmax_rows(lin(torch.randn(3, 4)))
loss = (probs * torch.arange(5.0)).sum()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
