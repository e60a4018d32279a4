"""What a called function's parameters hold beyond the plain ones: `*args` and `**kwargs`
hold what the call gave them (`SequentialState(cell_a, cell_b, readout)` reaches
`def __init__(self, *modules)` as those three modules), and a default that names a class or
function of the module (`norm_act=InPlaceABN`) is that class or function."""

from __future__ import annotations

import ast

from ..findings import Span
from ..state import State
from ..values import (
    UNKNOWN,
    ClassVal,
    DictVal,
    FuncVal,
    ModuleObj,
    SpreadVal,
    TupleVal,
    Value,
)
from .base import InterpreterBase
from .helpers import _is_static


class CallArguments(InterpreterBase):
    # the keywords written at the call being inlined, by name, where they stand
    _keyword_spans: tuple[tuple[str, Span], ...] = ()

    def _invoke(
        self,
        func: FuncVal,
        args: list[Value],
        kwargs: dict[str, Value],
        node: ast.AST,
        state: State,
        self_obj: ModuleObj | None,
    ) -> Value:
        keywords = node.keywords if isinstance(node, ast.Call) else []
        self._keyword_spans = tuple(
            (k.arg, self.src.span(k)) for k in keywords if k.arg is not None
        )
        return super()._invoke(  # type: ignore[safe-super]
            func, _spread(func, args, self_obj), kwargs, node, state, self_obj
        )

    def _bind_params(
        self,
        func: FuncVal,
        state: State,
        args: list[Value] | None,
        kwargs: dict[str, Value] | None,
        self_obj: ModuleObj | None,
    ) -> None:
        super()._bind_params(func, state, args, kwargs, self_obj)  # type: ignore[safe-super]
        node = func.node
        if args is None:
            return  # analysed on its own: nothing was given
        if node.args.vararg is not None:
            state.env[node.args.vararg.arg] = TupleVal(tuple(_extra_positional(func, args)))
        if node.args.kwarg is not None and kwargs is not None:
            named = {p.arg for p in (*node.args.posonlyargs, *node.args.args)}
            named |= {p.arg for p in node.args.kwonlyargs}
            extra = tuple((k, v) for k, v in kwargs.items() if k not in named)
            spans, self._keyword_spans = dict(self._keyword_spans), ()
            written = tuple((k, spans[k]) for k, _ in extra if k in spans)
            state.env[node.args.kwarg.arg] = DictVal(extra, written)

    def _default_value(self, default: ast.expr) -> Value:
        found = super()._default_value(default)  # type: ignore[safe-super]
        if found is UNKNOWN and isinstance(default, ast.Name) and self.frames:
            frame = self.frames[-1]
            named = (frame.closure or {}).get(default.id) or frame.globals.get(default.id)
            if isinstance(named, (ClassVal, FuncVal)):
                return named
        return found


def _extra_positional(func: FuncVal, args: list[Value]) -> list[Value]:
    """The positional arguments past the named parameters (what `*args` collects), as
    `_bind_params` lines them up: `self` and an autograd Function's `ctx` are not given."""
    node = func.node
    params = [*node.args.posonlyargs, *node.args.args]
    positional = list(args)
    owner = func.owner
    name = "<lambda>" if isinstance(node, ast.Lambda) else node.name
    if (
        owner is not None
        and owner.is_autograd_function
        and params
        and name in ("forward", "backward", "setup_context")
    ):
        params, positional = params[1:], positional[1:]
    if params and _takes_self(func):
        params = params[1:]
    return positional[len(params) :]


def _takes_self(func: FuncVal) -> bool:
    """A method whose first parameter (`self`, `cls`) is bound apart from the arguments."""
    node = func.node
    return func.owner is not None and not isinstance(node, ast.Lambda) and not _is_static(node)


def _spread(func: FuncVal, args: list[Value], self_obj: ModuleObj | None) -> list[Value]:
    """`self.reparameterize(*latent_dist)` of a sequence of unknown length (an `unbind`):
    each parameter from the starred one on takes an element (defaults stay for the rest
    only when the function has `*args` to take them)."""
    if not args or not isinstance(args[-1], SpreadVal):
        return args
    node = func.node
    if node.args.vararg is not None:
        return args  # `*args` takes the sequence as it is
    params = [*node.args.posonlyargs, *node.args.args][1 if _takes_self(func) else 0 :]
    head = args[:-1]
    room = len(params) - len(head) - len(node.args.defaults)
    return [*head, *([args[-1].elem] * max(room, 0))]
