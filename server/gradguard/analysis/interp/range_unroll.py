"""A short counted loop (`for i in range(2):` with known bounds, nothing leaving it early) that
builds names from its index is run once per index with the index known: the names
(`f"fc{i}"` in `setattr`, `add_module`, `getattr`) then name the layer each round registers or
calls, instead of an unknown one after the first round. Other counted loops keep their fixed
point (unrolling them would cost time and tell nothing more)."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ..state import State
from ..values import ConstVal, Value

# more rounds than this are left to the loop's fixed point
MAX_UNROLLED = 4


def range_rounds(
    loop: ast.For | ast.AsyncFor, state: State, eval_quiet: Callable[[ast.expr, State], Value]
) -> list[Value] | None:
    """The indices of `for i in range(...)` when its bounds are known numbers giving at most
    MAX_UNROLLED rounds and its body has no break, continue, return or raise."""
    call = loop.iter
    if (
        loop.orelse
        or not isinstance(loop.target, ast.Name)
        or not isinstance(call, ast.Call)
        or not isinstance(call.func, ast.Name)
        or call.func.id != "range"
        or not 1 <= len(call.args) <= 3
        or call.keywords
    ):
        return None
    bounds: list[int] = []
    for arg in call.args:
        value = ConstVal(arg.value) if isinstance(arg, ast.Constant) else eval_quiet(arg, state)
        if not (isinstance(value, ConstVal) and type(value.value) is int):
            return None
        bounds.append(value.value)
    try:
        indices = range(*bounds)
    except ValueError:  # a zero step
        return None
    if not 0 < len(indices) <= MAX_UNROLLED or _leaves_early(loop):
        return None
    if not _names_from_index(loop, loop.target.id):
        return None  # nothing is looked up by the index: the loop's fixed point is as good
    return [ConstVal(i) for i in indices]


def _names_from_index(loop: ast.For | ast.AsyncFor, index: str) -> bool:
    """Does the body build a name from the index (an f-string or a `%`/`format` of it)?"""
    for stmt in loop.body:
        for node in ast.walk(stmt):
            parts: list[ast.AST] = []
            if isinstance(node, ast.JoinedStr):
                parts = list(node.values)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                parts = [node.right]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
            ):
                parts = list(node.args)
            for part in parts:
                if any(isinstance(n, ast.Name) and n.id == index for n in ast.walk(part)):
                    return True
    return False


def _leaves_early(loop: ast.For | ast.AsyncFor) -> bool:
    return any(
        isinstance(node, (ast.Break, ast.Continue, ast.Return, ast.Raise))
        for stmt in loop.body
        for node in ast.walk(stmt)
    )
