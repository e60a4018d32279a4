"""Context managers written as generators (`@contextlib.contextmanager`): the body of a
`with helper(...):` runs where the generator's `yield` stands, so the grad-mode contexts
around that `yield` (`with torch.inference_mode(): yield`) hold for it."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from .. import torch_api as api
from ..imports import ImportMap
from ..values import CtxVal, FuncVal, Tri

_CONTEXTMANAGERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})


def _is_generator_context(func: FuncVal, imports: ImportMap) -> bool:
    node = func.node
    if isinstance(node, ast.Lambda):
        return False
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if imports.qualify(target) in _CONTEXTMANAGERS:
            return True
    return False


def _withs_around_yield(body: list[ast.stmt]) -> list[ast.withitem] | None:
    """The `with` items enclosing the generator's first `yield`, outermost first (None when
    no `yield` is found outside nested functions)."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            inner = _withs_around_yield(stmt.body)
            if inner is not None:
                return [*stmt.items, *inner]
            continue
        if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _own_nodes(stmt)):
            return []
        for block in _blocks(stmt):
            inner = _withs_around_yield(block)
            if inner is not None:
                return inner
    return None


def _blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists nested in a compound statement (try/if/for bodies)."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(stmt, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body


def _own_nodes(stmt: ast.stmt) -> Iterator[ast.AST]:
    """The expression nodes of a simple statement (compound ones are searched by block)."""
    if isinstance(stmt, (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return)):
        yield from ast.walk(stmt)


def _context_of(item: ast.withitem, imports: ImportMap) -> CtxVal | None:
    """A grad-mode context written in the generator (`torch.inference_mode()`,
    `torch.no_grad()`, `torch.set_grad_enabled(False)`): its kind, and its flag when the
    argument is a literal (else it may be either)."""
    call = item.context_expr
    if not isinstance(call, ast.Call):
        return None
    kind = api.GRAD_CONTEXTS.get(imports.qualify(call.func) or "")
    if kind not in ("no_grad", "enable_grad", "set_grad", "inference"):
        return None
    flag = Tri.YES
    if kind in ("set_grad", "inference") and call.args:
        arg = call.args[0]
        flag = (
            Tri.of(arg.value)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, bool)
            else Tri.MAYBE
        )
    return CtxVal(kind, flag)


def contexts_at_yield(func: object, imports: ImportMap) -> list[CtxVal]:
    """For `with helper(...):` where `helper` is a generator context manager: the grad-mode
    contexts its `yield` runs under, to enter (in order) for the `with` body."""
    if not isinstance(func, FuncVal):
        return []
    own = getattr(func.module, "imports", None)
    names = own if isinstance(own, ImportMap) else imports
    if not _is_generator_context(func, names) or isinstance(func.node, ast.Lambda):
        return []
    items = _withs_around_yield(func.node.body)
    if not items:
        return []
    found = (_context_of(item, names) for item in items)
    return [ctx for ctx in found if ctx is not None]
