# case: a recurrent state kept in a collections.namedtuple (`State(h, c)`): the step function builds it from tanh, whose output tanh saved, and the caller scales the `h` field in place before backpropagating the loss computed from it
from collections import namedtuple

import torch
import torch.nn as nn

torch.manual_seed(0)

State = namedtuple("State", ["h", "c"])


def step(cell, x, state):
    gates = cell(torch.cat([x, state.h], dim=-1))
    c = state.c + gates
    return State(torch.tanh(c), c)  # saver


cell = nn.Linear(6, 3)
state = State(torch.zeros(2, 3), torch.zeros(2, 3))
state = step(cell, torch.randn(2, 3), state)
loss = (state.h * 3.0).sum()
state.h.mul_(0.5)  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
