# case: data.rows() returns x.unbind(0); train.py rescales each row in a loop with *=
import torch

from data import rows

torch.manual_seed(0)
w = torch.randn(3, 4, requires_grad=True)
h = w * 2.0
for i, r in enumerate(rows(h)):
    r *= i + 1  # expect: GG003 # raises: RuntimeError: This view is the output of a function that returns multiple views
h.sum().backward()
