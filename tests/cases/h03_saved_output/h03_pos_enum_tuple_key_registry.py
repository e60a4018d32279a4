# case: energy functions registered by a decorator under a (potential type, form) tuple built from enum members' `.value`; the dispatcher looks the function up by the potential's fields (set from the same `.value`s), and the function found scales a sigmoid's output in place
import enum

import torch


class Kind(str, enum.Enum):
    VDW = "vdW"


class Fn(str, enum.Enum):
    LJ = "4*eps"


class Pot:
    def __init__(self, type, fn, attributes):
        self.type, self.fn, self.attributes = type, fn, attributes


_FNS = {}


def register(kind, fn):
    def _wrapper(func):
        _FNS[(str(kind.value), str(fn.value))] = func
        return func

    return _wrapper


@register(Kind.VDW, Fn.LJ)
def energy(pot, x):
    y = torch.sigmoid(x * pot.attributes[0])  # saver
    y.mul_(2)  # expect: GG002
    return y


def compute(pot, x):
    return _FNS[(pot.type, pot.fn)](pot, x)


pot = Pot(type=Kind.VDW.value, fn=Fn.LJ.value, attributes=torch.ones(2, requires_grad=True))
x = torch.randn(3)
compute(pot, x).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
