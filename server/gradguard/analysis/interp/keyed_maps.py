"""Dicts whose keys are not known one by one: a comprehension over the parameters, the state dict
or any sequence we hold only as "some element" (`{name: p.detach().to("cpu").clone() for name, p
in module.named_parameters()}`). The dict holds values like the one its value expression gives
for that element, so `.items()`, `.values()` and `d[key]` give that value (a CPU copy made under
inference mode is an inference tensor, written in place later), instead of nothing known."""

from __future__ import annotations

import ast

from ..state import State
from ..values import UNKNOWN, ConstVal, MapVal, SeqVal, TupleVal, Value, join_values
from .base import InterpreterBase


class KeyedMaps(InterpreterBase):
    def dict_of_unknown_keys(self, node: ast.DictComp, state: State, stmt: ast.stmt) -> Value:
        """The comprehension run once on its iterables' element: a dict of values like the one
        its value expression gives (its saves and writes count; its names do not)."""
        inner = state.copy()
        for gen in node.generators:
            iterable = self.eval(gen.iter, inner, stmt)
            self.bind(gen.target, self.element_of(iterable, gen.iter, inner), inner, stmt)
            for cond in gen.ifs:
                self.eval(cond, inner, stmt)
        self.eval(node.key, inner, stmt)
        value = self.eval(node.value, inner, stmt)
        state.saves, state.multi_dirty = inner.saves, inner.multi_dirty
        return MapVal(value) if value is not UNKNOWN else UNKNOWN

    def map_method(
        self, d: MapVal, func: ast.Attribute, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value:
        """`d.items()`, `d.values()`, `d.keys()`, `d.get(k)`, `d.pop(k)`, `d.copy()` of such a
        dict; `update` and `setdefault` leave it unknown (what they put in is not followed)."""
        args, kwargs = self._eval_args(node, state, stmt)
        name = func.attr
        if name == "items":
            return SeqVal(TupleVal((UNKNOWN, d.value)))
        if name == "values":
            return SeqVal(d.value)
        if name == "keys":
            return SeqVal(UNKNOWN)
        if name == "copy":
            return d
        if name in ("get", "pop"):
            default = args[1] if len(args) > 1 else kwargs.get("default")
            if default is None:
                return d.value if name == "pop" else join_values(d.value, ConstVal(None))
            return join_values(d.value, default)
        if name == "clear":
            return ConstVal(None)
        self._rebind_expr(func.value, UNKNOWN, state)  # what `update`/`setdefault` put in
        return UNKNOWN
