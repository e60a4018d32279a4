# case: clean twin: the page's workaround, clone the leaf before the in-place write (x = x.clone(); x[0] = val)
# source: https://deadends.dev/pytorch/runtime-error-inplace/pt2-linux
import torch

w = torch.ones(3, requires_grad=True)
x = w.clone()
x[0] = 5.0
loss = (x * x).sum()
loss.backward()
