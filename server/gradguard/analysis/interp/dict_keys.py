"""Tuple keys of dicts held by value: `FNS[(kind, form)] = fn` and `FNS[(pot.type,
pot.fn)]` find the same entry when every part of the key is a known constant (registries
keyed by several names, as energy functions by potential type and functional form)."""

from __future__ import annotations

import ast

from ..state import State
from ..values import ConstVal, DictVal, TupleVal, Value
from .base import InterpreterBase


def constant_key(key: Value) -> Value:
    """A tuple of known constants as one constant key; any other key as it is."""
    if isinstance(key, TupleVal) and key.items and all(isinstance(i, ConstVal) for i in key.items):
        return ConstVal(tuple(i.value for i in key.items if isinstance(i, ConstVal)))
    return key


class DictKeys(InterpreterBase):
    def eval_subscript(self, base: Value, index: Value, node: ast.Subscript, state: State) -> Value:
        if isinstance(base, DictVal):
            index = constant_key(index)
        return super().eval_subscript(base, index, node, state)  # type: ignore[safe-super]
