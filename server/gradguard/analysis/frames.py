"""One activation of a function (or a module body) in the abstract interpreter: whose
globals it reads, what it returns, where it was called from."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .findings import Span
from .values import FuncVal, SaveKey, Sid, Tri, Value


@dataclass
class Frame:
    """One function activation (or the module body)."""

    globals: dict[str, Value]
    func: FuncVal | None = None
    returns: list[tuple[Value, ast.Return | None]] = field(default_factory=list)
    standalone: bool = False  # analysed with unknown arguments, not inlined from a call
    call_span: Span | None = None  # where this inlined activation was called from
    call_stmt: ast.stmt | None = None
    call_node: ast.AST | None = None  # the call itself, in `call_scope`'s module
    call_scope: object = None
    arg_sids: frozenset[Sid] = frozenset()  # storages the caller passed in
    # in-place writes to those storages: (storage, saves its graph now runs back through,
    # requires_grad after), handed to the caller's names for the same tensor on return
    arg_writes: list[tuple[frozenset[Sid], frozenset[SaveKey], Tri]] = field(default_factory=list)
    closure: dict[str, Value] | None = None  # the enclosing function's variables
    building: bool = False  # given a config dict in the script's flow (see config_dicts.py)
    # given a module object in the script's flow: a driver handing the model down (see _invoke)
    driving: bool = False
    # the caller unpacks the result into this many names (`loss, mu = self.net(x, y)`, or a
    # `return` of this call in a function whose caller does): the returns that fit are the
    # paths it took
    unpacked_into: int | None = None
    # the object a method runs on (`self`): a method may run again on another object further
    # down (a nested block's forward called from its parent's, see config_dicts.reentered)
    receiver: object = field(default=None, compare=False, repr=False)

    @property
    def in_module_method(self) -> bool:
        return bool(self.func and self.func.owner and self.func.owner.is_module)
