"""`eval(args.conv_feature_layers)` / `ast.literal_eval(cfg.overrides)` of a string the
analysis knows (an argparse default, a config constant): the literal it spells, read without
running anything. Constants, lists, tuples, dicts with constant keys and `+`, `*`, unary `-`
over them (`"[(512, 10, 5)] + [(512, 3, 2)] * 4"`); anything else is unknown."""

from __future__ import annotations

import ast

from ..values import UNKNOWN, ConstVal, DictVal, TupleVal, Value
from .slices import fold_binop

# a string longer than this is not read (a config dump, not a layer spec)
_MAX_TEXT = 4096


def literal_of_text(text: str) -> Value:
    if len(text) > _MAX_TEXT:
        return UNKNOWN
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return UNKNOWN
    return _value(tree.body)


def _value(node: ast.expr) -> Value:
    if isinstance(node, ast.Constant):
        return ConstVal(node.value)
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_value(e) for e in node.elts]
        return UNKNOWN if any(i is UNKNOWN for i in items) else TupleVal(tuple(items))
    if isinstance(node, ast.Dict):
        pairs: list[tuple[object, Value]] = []
        for k, v in zip(node.keys, node.values, strict=True):
            if not isinstance(k, ast.Constant):
                return UNKNOWN
            value = _value(v)
            if value is UNKNOWN:
                return UNKNOWN
            pairs.append((k.value, value))
        return DictVal(tuple(pairs))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        operand = _value(node.operand)
        if isinstance(operand, ConstVal) and isinstance(operand.value, (int, float)):
            return ConstVal(-operand.value)
        return UNKNOWN
    if isinstance(node, ast.BinOp):
        left, right = _value(node.left), _value(node.right)
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        return fold_binop(node.op, left, right)
    return UNKNOWN
