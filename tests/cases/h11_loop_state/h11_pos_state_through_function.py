# case: a recurrent state is updated in place inside a helper called once per step; each step's einsum kept the state, so the backward over all steps fails
import torch


def step(q, state):
    state += q  # expect: GG002
    return torch.einsum("d,d->", q, state)  # saver


w = torch.randn(3, requires_grad=True)
state = torch.zeros(3)
outs = []
for i in range(4):
    outs.append(step(w * (i + 1), state))
torch.stack(outs).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
