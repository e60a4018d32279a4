"""One activation of a function (or a module body) in the abstract interpreter: whose
globals it reads, what it returns, where it was called from."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .findings import Span
from .values import FuncVal, Sid, Value


@dataclass
class Frame:
    """One function activation (or the module body)."""

    globals: dict[str, Value]
    func: FuncVal | None = None
    returns: list[tuple[Value, ast.Return | None]] = field(default_factory=list)
    standalone: bool = False  # analysed with unknown arguments, not inlined from a call
    call_span: Span | None = None  # where this inlined activation was called from
    call_stmt: ast.stmt | None = None
    arg_sids: frozenset[Sid] = frozenset()  # storages the caller passed in
    closure: dict[str, Value] | None = None  # the enclosing function's variables
    building: bool = False  # given a config dict in the script's flow (see config_dicts.py)

    @property
    def in_module_method(self) -> bool:
        return bool(self.func and self.func.owner and self.func.owner.is_module)
