"""The numbers a counted loop is bounded by, and whether its body picks elements by its index.

`for i in range(len(self.rnns)): self.rnns[i].init_hidden(b)` and `for i in range(len(channels)
- 1): conv(channels[i], channels[i + 1])` walk a container whose length is known: a tuple or
list written out (or built by a comprehension over known elements), or the layers of an
`nn.Sequential`/`nn.ModuleList` given one by one. Their bounds are ints then, and such a loop
is run once per index (range_unroll.py), so each element is the one its index names instead of
"any of them" (one layer of the two re-initialised, the other keeping every state it had)."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ..state import State
from ..values import ConstVal, ModuleObj, TupleVal, Value

_FOLDED: dict[type[ast.operator], Callable[[int, int], int | None]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.FloorDiv: lambda a, b: a // b if b else None,
}


def known_int(
    node: ast.expr, state: State, eval_quiet: Callable[[ast.expr, State], Value]
) -> int | None:
    """The int `node` surely is: a literal, a name or attribute holding one, `len()` of a
    container of known length, or `+ - * //` of those; None when not known."""
    if isinstance(node, ast.Constant):
        return node.value if type(node.value) is int else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):  # `range(n, -1, -1)`
        inner = known_int(node.operand, state, eval_quiet)
        return None if inner is None else -inner
    if isinstance(node, ast.BinOp):
        fold = _FOLDED.get(type(node.op))
        if fold is None:
            return None
        left = known_int(node.left, state, eval_quiet)
        right = known_int(node.right, state, eval_quiet) if left is not None else None
        return None if left is None or right is None else fold(left, right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], (ast.Name, ast.Attribute))
    ):
        return known_length(eval_quiet(node.args[0], state))
    value = eval_quiet(node, state)
    return value.value if isinstance(value, ConstVal) and type(value.value) is int else None


def range_values(
    node: ast.expr, state: State, eval_quiet: Callable[[ast.expr, State], Value]
) -> range | None:
    """The numbers of `range(...)` when `node` is such a call with known int bounds."""
    if (
        not isinstance(node, ast.Call)
        or not isinstance(node.func, ast.Name)
        or node.func.id != "range"
        or not 1 <= len(node.args) <= 3
        or node.keywords
    ):
        return None
    bounds: list[int] = []
    for arg in node.args:
        bound = known_int(arg, state, eval_quiet)
        if bound is None:
            return None
        bounds.append(bound)
    try:
        return range(*bounds)
    except ValueError:  # a zero step
        return None


def fold_int_binop(op: ast.operator, left: Value, right: Value) -> ConstVal | None:
    """`len(channels) - 2`, `n * 2`, `i + 1` on ints we hold exactly (so `if i < len(channels)
    - 2:` in a loop run once per index takes one branch each round); None otherwise."""
    fold = _FOLDED.get(type(op))
    if (
        fold is None
        or not isinstance(left, ConstVal)
        or not isinstance(right, ConstVal)
        or type(left.value) is not int
        or type(right.value) is not int
    ):
        return None
    result = fold(left.value, right.value)
    return ConstVal(result) if result is not None else None


def known_length(value: Value) -> int | None:
    """How many elements `value` surely has: a tuple or list written out, or a layer container
    given its layers one by one (not built from a list or comprehension of unknown length)."""
    if isinstance(value, TupleVal):
        return len(value.items)
    if (
        isinstance(value, ModuleObj)
        and value.kind in ("torch.nn.Sequential", "torch.nn.ModuleList")
        and value.children
        and not value.repeated
    ):
        return len(value.children)
    return None


def indexes_by(loop: ast.For | ast.AsyncFor, index: str) -> bool:
    """Does the body pick an element by the bare index (`self.rnns[i]`, `models[j]`)?"""
    return any(
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Name)
        and node.slice.id == index
        for stmt in loop.body
        for node in ast.walk(stmt)
    )
