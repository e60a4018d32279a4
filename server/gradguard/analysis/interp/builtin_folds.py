"""`max(...)` and `min(...)` over values we hold exactly: `_, max_size = max(shapes, key=lambda
x: x[1])` over the shapes a block was given, `max(a, b)` of numbers. The picked element is the
one Python picks (the first of equal ones), so sizes and scale factors computed from it stay
known and a layer built only `if scale_factor != 1` is built or not, not both."""

from __future__ import annotations

import ast

from ..state import State
from ..values import UNKNOWN, ConstVal, FuncVal, Value
from .base import InterpreterBase
from .helpers import _known_items, _truth
from .slices import _known_items_of


class BuiltinFolds(InterpreterBase):
    def fold_min_max(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`max(items, key=f)`, `min(a, b)`: the element Python picks, when every key is a
        known number or string; else unknown (the arguments run either way)."""
        args, kwargs = self._eval_args(node, state, stmt)
        if set(kwargs) - {"key"} or not args:
            return UNKNOWN
        items = _known_items(args[0]) if len(args) == 1 else list(args)
        if not items:
            return UNKNOWN
        key = kwargs.get("key")
        if key is not None and not isinstance(key, FuncVal):
            return UNKNOWN
        keys: list[int | float | str] = []
        for item in items:
            k = item if key is None else self._invoke(key, [item], {}, node, state, None)
            if not (isinstance(k, ConstVal) and isinstance(k.value, (int, float, str))):
                return UNKNOWN
            keys.append(k.value)
        if len({type(k) is str for k in keys}) > 1:
            return UNKNOWN  # numbers and strings do not compare
        pick = max if isinstance(node.func, ast.Name) and node.func.id == "max" else min
        best = pick(range(len(items)), key=keys.__getitem__)
        return items[best]

    def fold_any_all(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value | None:
        """`any(ln in name for ln in LAYERNORM_NAMES)` over items known one by one, with a
        test that calls nothing: its truth (None: not folded, the call runs as any other).
        Each item is tried on a copy of the state, so nothing it binds leaks."""
        gen = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if not isinstance(gen, ast.GeneratorExp) or len(gen.generators) != 1:
            return None
        loop = gen.generators[0]
        if loop.is_async or any(
            isinstance(n, ast.Call)
            for part in (gen.elt, loop.iter, *loop.ifs)
            for n in ast.walk(part)
        ):
            return None
        items = _known_items(self.eval(loop.iter, state.copy(), stmt))
        if items is None:
            return None
        want_any = isinstance(node.func, ast.Name) and node.func.id == "any"
        for item in items:
            trial = state.copy()
            self.bind(loop.target, item, trial, stmt)
            tests = [_truth(self.eval(cond, trial, stmt)) for cond in loop.ifs]
            if any(t is None for t in tests):
                return None
            if not all(tests):
                continue  # filtered out
            truth = _truth(self.eval(gen.elt, trial, stmt))
            if truth is None:
                return None
            if truth == want_any:
                return ConstVal(want_any)  # `any` found a true one, `all` a false one
        return ConstVal(not want_any)


def fold_sequence_search(receiver: Value, method: str, args: list[Value]) -> Value | None:
    """`OUTPUT_NAMES.index(key)` / `.count(key)` on a tuple or list whose elements we know
    one by one, with a known argument: the number Python computes, so an output picked by
    that index is that one output, not any. None where Python's answer is not certain (an
    unknown element at or before the match, an element not found: `index` raises)."""
    if method not in ("index", "count") or len(args) != 1 or not isinstance(args[0], ConstVal):
        return None
    items = _known_items_of(receiver)
    if items is None:
        return None
    wanted = args[0].value
    count = 0
    for position, item in enumerate(items):
        if not isinstance(item, ConstVal):
            return None
        if item.value == wanted:
            if method == "index":
                return ConstVal(position)
            count += 1
    return ConstVal(count) if method == "count" else None
