"""Sequences whose items are known, sliced or built by operators: `modules[:-1]`,
`[None] * len(layers)`, `outs + [y]`."""

from __future__ import annotations

import ast

from ..values import UNKNOWN, ConstVal, ListObj, SeqVal, TupleVal, Value, join_all
from .helpers import _list_view
from .loop_bounds import fold_int_binop
from .registries import fold_const_binop

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
    if isinstance(op, ast.Add) and isinstance(left, (TupleVal, ListObj)):
        both = _known_items_of(left), _known_items_of(right)
        if both[0] is not None and both[1] is not None:
            # `layers + [pool5, conv6, nn.ReLU(inplace=True)]`: a new list, item by item
            concat = ListObj()
            for item in (*both[0], *both[1]):
                concat.add(item)
            return concat
    if isinstance(op, ast.Add) and _is_sequence(left) and _is_sequence(right):
        # `list(enc.parameters()) + list(dec.parameters())`: items like either side's
        joined = join_all([e for e in (_any_item(left), _any_item(right)) if e is not None])
        return SeqVal(joined) if joined is not UNKNOWN else None
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


def _known_items_of(value: Value) -> list[Value] | None:
    """A tuple's items, or a list's when all are known in order; None otherwise."""
    if isinstance(value, ListObj):
        if value.elem is None:
            return []  # empty
        value = _list_view(value)
    return list(value.items) if isinstance(value, TupleVal) else None


def _is_sequence(value: Value) -> bool:
    return isinstance(value, (TupleVal, SeqVal, ListObj))


def _any_item(value: Value) -> Value | None:
    """What any item of a sequence is like (None: it has none)."""
    if isinstance(value, (SeqVal, ListObj)):
        return value.elem
    if isinstance(value, TupleVal) and value.items:
        return join_all(value.items)
    return None


def fold_binop(op: ast.operator, left: Value, right: Value) -> Value:
    """`a + b`, `a * n`, `a % b`, `a & b` of values known exactly (sequences, numbers,
    strings, booleans); unknown otherwise."""
    seq = sequence_binop(op, left, right)
    if seq is not None:
        return seq
    number = fold_int_binop(op, left, right)
    return number if number is not None else fold_const_binop(op, left, right)
