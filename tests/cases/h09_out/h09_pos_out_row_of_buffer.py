# case: a row of a preallocated buffer is the out= of an op whose input requires grad; the buffer is then summed into the loss
import torch

w = torch.randn(3, requires_grad=True)
buf = torch.zeros(2, 3)
torch.mul(w, 2, out=buf[0])  # expect: GG007  # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
loss = buf.sum()
loss.backward()
