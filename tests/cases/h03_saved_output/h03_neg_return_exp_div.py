# case: the clean twin: the softmax helper returns `e.div(total)` (out of place)
import torch
import torch.nn as nn


def softmax_rows(scores):
    e = scores.exp()
    total = e.sum(-1, keepdim=True)
    return e.div(total)


torch.manual_seed(0)
lin = nn.Linear(4, 5)
probs = softmax_rows(lin(torch.randn(3, 4)))
loss = (probs * torch.arange(5.0)).sum()
loss.backward()
