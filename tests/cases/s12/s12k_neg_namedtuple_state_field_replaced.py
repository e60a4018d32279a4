# case: the same namedtuple state whose `h` field is replaced with a scaled copy (`state._replace(h=...)`): the tanh output stays as saved and the backward runs
from collections import namedtuple

import torch
import torch.nn as nn

torch.manual_seed(0)

State = namedtuple("State", ["h", "c"])


def step(cell, x, state):
    gates = cell(torch.cat([x, state.h], dim=-1))
    c = state.c + gates
    return State(torch.tanh(c), c)


cell = nn.Linear(6, 3)
state = State(torch.zeros(2, 3), torch.zeros(2, 3))
state = step(cell, torch.randn(2, 3), state)
loss = (state.h * 3.0).sum()
state = state._replace(h=state.h * 0.5)
loss.backward()
