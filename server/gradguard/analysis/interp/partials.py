"""`functools.partial`: activation and layer factories (`act_layer=partial(nn.ReLU,
inplace=True)` called as `act_layer()`, `self.act = partial(F.relu, inplace=True)`). A call of
a partial runs its function on a call node that holds the bound arguments before the call's own
(a keyword of the call replaces a bound one, as in Python). The bound arguments stand there as
names of their values, placed where they were written, so `inplace=True` of a partial is read,
and fixed, where it is written."""

from __future__ import annotations

import ast

from ..spans import PATH_ATTR
from ..state import State
from ..values import (
    UNKNOWN,
    BoundMethod,
    ClassVal,
    FuncVal,
    ModuleObj,
    PartialVal,
    TorchFnVal,
    Value,
)
from .base import InterpreterBase

# on a call node of a partial: the call with the bound arguments, per partial (by the nodes of
# its arguments) and depth of partial calls being run
_CALLS_ATTR = "_gradguard_partial_calls"


class Partials(InterpreterBase):
    _partial_depth = 0  # partial calls being run (their argument names are kept apart)

    def make_partial(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`partial(func, *args, **keywords)` with its arguments evaluated here."""
        if not node.args or any(isinstance(a, ast.Starred) for a in node.args):
            self._eval_args(node, state, stmt)
            return UNKNOWN
        if any(k.arg is None for k in node.keywords):  # `**options`: not known one by one
            self._eval_args(node, state, stmt)
            return UNKNOWN
        func = self.eval(node.args[0], state, stmt)
        path = self.scope.path
        args = tuple((a, self.eval(a, state, stmt)) for a in node.args[1:])
        keywords = tuple((k, self.eval(k.value, state, stmt)) for k in node.keywords)
        for bound, _ in (*args, *keywords):
            setattr(bound, PATH_ATTR, path)
        if isinstance(func, PartialVal):  # a partial of a partial: one, arguments in order
            given = {k.arg for k, _ in keywords}
            kept = tuple((k, v) for k, v in func.keywords if k.arg not in given)
            return PartialVal(func.func, func.args + args, kept + keywords)
        return PartialVal(func, args, keywords)

    def call_partial(
        self, partial: PartialVal, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value:
        func = partial.func
        if not isinstance(func, (TorchFnVal, FuncVal, ClassVal, ModuleObj, BoundMethod)):
            self._eval_args(node, state, stmt)
            return UNKNOWN
        depth = self._partial_depth
        call, names = _bound_call(partial, node, depth)
        for name, value in zip(
            names, (v for _, v in (*partial.args, *partial.keywords)), strict=True
        ):
            state.env[name] = value
        self._partial_depth = depth + 1
        try:
            called = self._call_value(func, call, state, stmt)
            return UNKNOWN if called is None else called
        finally:
            self._partial_depth = depth
            for name in names:
                state.env.pop(name, None)


def _bound_call(partial: PartialVal, node: ast.Call, depth: int) -> tuple[ast.Call, list[str]]:
    """The call `node` with `partial`'s arguments put first (kept on `node`, so each run of it
    sees one node), and the names its bound arguments are read from."""
    written = tuple(a for a, _ in partial.args) + tuple(k for k, _ in partial.keywords)
    calls: dict[tuple[object, ...], tuple[tuple[ast.AST, ...], ast.Call, list[str]]] = (
        getattr(node, _CALLS_ATTR, None) or {}
    )
    key = (*map(id, written), depth)
    known = calls.get(key)
    if known is not None and all(a is b for a, b in zip(known[0], written, strict=True)):
        return known[1], known[2]
    names: list[str] = []

    def placeholder(written: ast.expr, i: int) -> ast.Name:
        name = f"<partial {depth}.{i}>"
        names.append(name)
        return ast.copy_location(ast.Name(id=name, ctx=ast.Load()), written)

    args: list[ast.expr] = [placeholder(a, i) for i, (a, _) in enumerate(partial.args)]
    given = {k.arg for k in node.keywords}
    keywords: list[ast.keyword] = []
    for j, (kw, _) in enumerate(partial.keywords):
        value = placeholder(kw.value, len(partial.args) + j)
        if kw.arg in given:
            continue  # the call's own keyword replaces it
        bound = ast.copy_location(ast.keyword(arg=kw.arg, value=value), kw)
        setattr(bound, PATH_ATTR, getattr(kw, PATH_ATTR, ""))
        setattr(value, PATH_ATTR, getattr(kw, PATH_ATTR, ""))
        keywords.append(bound)
    for a, (arg, _) in zip(args, partial.args, strict=True):
        setattr(a, PATH_ATTR, getattr(arg, PATH_ATTR, ""))
    call = ast.copy_location(
        ast.Call(func=node.func, args=[*args, *node.args], keywords=[*keywords, *node.keywords]),
        node,
    )
    call.end_lineno, call.end_col_offset = node.end_lineno, node.end_col_offset
    calls[key] = (written, call, names)
    setattr(node, _CALLS_ATTR, calls)
    return call, names
