"""Enum members: a class attribute `VDW = "vdW"` is held as its value, so the member's
`.value` (`str(kind.value)` as a registry key, `PotentialType.VDW.value` given to a config)
is that same constant. A plain string or number has no `.value`, so code that runs reads it
only from a member."""

from __future__ import annotations

import ast

from ..state import State
from ..values import ConstVal, Value
from .base import InterpreterBase


class EnumMembers(InterpreterBase):
    def getattr_(self, obj: Value, node: ast.Attribute, state: State, quiet: bool = False) -> Value:
        if (
            node.attr == "value"
            and isinstance(obj, ConstVal)
            and isinstance(obj.value, (str, int, float))
            and not isinstance(obj.value, bool)
        ):
            return obj
        return super().getattr_(obj, node, state, quiet)  # type: ignore[safe-super]
