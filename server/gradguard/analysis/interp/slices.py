"""Sequences whose items are known, sliced or built by operators: `modules[:-1]`,
`[None] * len(layers)`, `outs + [y]`."""

from __future__ import annotations

import ast

from ..values import ConstVal, SeqVal, TupleVal, Value

# a repeated list longer than this is tracked as "some of these items", not one by one
_MAX_REPEAT = 64


def _bound(node: ast.expr | None) -> int | bool | None:
    """A slice bound written as an integer literal (or left out); False when it is not."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return int(node.value)
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and isinstance(node.operand.value, int)
    ):
        return -int(node.operand.value)
    return False


def tuple_slice(base: TupleVal, node: ast.Slice) -> TupleVal | None:
    """`items[a:b:c]` with literal bounds on a tuple of known items: those items, in order
    (`self.stateful = nn.ModuleList(modules[:-1])` keeps the modules it was given)."""
    lower, upper, step = _bound(node.lower), _bound(node.upper), _bound(node.step)
    if lower is False or upper is False or step is False or step == 0:
        return None
    return TupleVal(base.items[slice(lower, upper, step)])


def sequence_binop(op: ast.operator, left: Value, right: Value) -> Value | None:
    """`[None] * n` (a state per layer, filled later) and `a + b` of known sequences; None
    when the operands are not sequences."""
    if isinstance(op, ast.Add) and isinstance(left, TupleVal) and isinstance(right, TupleVal):
        return TupleVal(left.items + right.items)
    if not isinstance(op, ast.Mult):
        return None
    seq, times = (left, right) if isinstance(left, TupleVal) else (right, left)
    if not isinstance(seq, TupleVal) or not seq.items:
        return None
    if (
        isinstance(times, ConstVal)
        and isinstance(times.value, int)
        and 0 <= times.value * len(seq.items) <= _MAX_REPEAT
    ):
        return TupleVal(seq.items * times.value)
    elem = seq.items[0]
    return SeqVal(elem) if all(i == elem for i in seq.items) else None
