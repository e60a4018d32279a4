"""The names a loop body may read before it writes them (its upward-exposed reads).

Why: a loop runs to a fixed point, and most loops need a second round only to confirm the
first. When the first round changed nothing but names the body always writes before it reads
them (the loop variable, temporaries), a second round starts from what the first did and
computes the same: the confirmation can be skipped. The answer errs towards "exposed": a name
read anywhere it may not have been written yet counts.
"""

from __future__ import annotations

import ast
import weakref
from collections.abc import Iterable

# per loop statement: its body's exposed names, or None where the body's reads cannot be
# bounded (`global`, `nonlocal`, `locals()`, `exec`, ...)
_CACHE: weakref.WeakKeyDictionary[ast.AST, frozenset[str] | None] = weakref.WeakKeyDictionary()

_OPAQUE_CALLS = frozenset({"locals", "vars", "exec", "eval", "globals"})


class _Unbounded(Exception):
    """The body reads names in ways a syntactic scan cannot follow."""


def exposed_reads(loop: ast.For | ast.AsyncFor | ast.While) -> frozenset[str] | None:
    """Names the loop's body may read before writing them on every path to the read; None
    when that cannot be said. A `for` loop's target is written before the body runs."""
    try:
        return _CACHE[loop]
    except KeyError:
        pass
    found: frozenset[str] | None
    try:
        out: set[str] = set()
        start = _targets(loop.target) if isinstance(loop, (ast.For, ast.AsyncFor)) else set()
        _block(loop.body, start, out)
        found = frozenset(out)
    except _Unbounded:
        found = None
    _CACHE[loop] = found
    return found


def _block(stmts: Iterable[ast.stmt], defined: set[str], out: set[str]) -> set[str]:
    """Walk `stmts` in order; reads of names not in `defined` go to `out`. Returns the names
    surely written once the block has run (a block that may stop early still counts what ran
    before the stop, which only makes later reads in it less exposed on the paths that go on)."""
    defined = set(defined)
    for stmt in stmts:
        defined = _stmt(stmt, defined, out)
    return defined


def _stmt(stmt: ast.stmt, defined: set[str], out: set[str]) -> set[str]:
    if isinstance(stmt, (ast.Global, ast.Nonlocal)):
        raise _Unbounded
    if isinstance(stmt, ast.If):
        _reads(stmt.test, defined, out)
        then = _block(stmt.body, defined, out)
        other = _block(stmt.orelse, defined, out)
        return then & other
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        _reads(stmt.iter, defined, out)
        _block(stmt.body, defined | _targets(stmt.target), out)
        _block(stmt.orelse, defined, out)
        return defined  # the body may run no time
    if isinstance(stmt, ast.While):
        _reads(stmt.test, defined, out)
        _block(stmt.body, defined, out)
        _block(stmt.orelse, defined, out)
        return defined
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        inner = set(defined)
        for item in stmt.items:
            _reads(item.context_expr, inner, out)
            if item.optional_vars is not None:
                inner |= _targets(item.optional_vars)
        return _block(stmt.body, inner, out)
    if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        body = _block(stmt.body, defined, out)  # type: ignore[attr-defined]
        for handler in stmt.handlers:  # type: ignore[attr-defined]
            if handler.type is not None:
                _reads(handler.type, defined, out)
            start = defined | ({handler.name} if handler.name else set())
            _block(handler.body, start, out)
        _block(stmt.orelse, body, out)  # type: ignore[attr-defined]
        _block(stmt.finalbody, defined, out)  # type: ignore[attr-defined]
        return defined  # any statement of the body may have raised
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        _reads(stmt, defined, out)  # its body reads when called: counted as read here
        return defined | {stmt.name}
    if isinstance(stmt, ast.Assign):
        _reads(stmt.value, defined, out)
        written: set[str] = set()
        for target in stmt.targets:
            _target_reads(target, defined, out)
            written |= _targets(target)
        return defined | written
    if isinstance(stmt, ast.AnnAssign):
        if stmt.value is None:
            return defined
        _reads(stmt.value, defined, out)
        _target_reads(stmt.target, defined, out)
        return defined | _targets(stmt.target)
    if isinstance(stmt, ast.AugAssign):
        _reads(stmt.value, defined, out)
        _reads(stmt.target, defined, out)  # `x += 1` reads x
        return defined | _targets(stmt.target)
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return defined | {(a.asname or a.name).split(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.Delete):
        gone = set().union(*(_targets(t) for t in stmt.targets))
        for target in stmt.targets:
            _target_reads(target, defined, out)
        return defined - gone
    if isinstance(stmt, ast.Match):
        raise _Unbounded  # patterns bind names in ways not followed here
    _reads(stmt, defined, out)  # Expr, Return, Raise, Assert, Pass, Break, Continue
    return defined


def _reads(node: ast.AST, defined: set[str], out: set[str]) -> None:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            if sub.id not in defined:
                out.add(sub.id)  # a store inside (walrus, comprehension) counts as a read too
        elif (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Name)
            and sub.func.id in _OPAQUE_CALLS
        ):
            raise _Unbounded


def _target_reads(target: ast.expr, defined: set[str], out: set[str]) -> None:
    """`x[i] = v`, `a.b = v` read `x`, `i` and `a`; a plain name target reads nothing."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            _target_reads(elt, defined, out)
    elif isinstance(target, ast.Starred):
        _target_reads(target.value, defined, out)
    elif not isinstance(target, ast.Name):
        _reads(target, defined, out)


def _targets(target: ast.expr) -> set[str]:
    """The plain names a binding target writes."""
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, (ast.Tuple, ast.List)):
        return set().union(*(_targets(e) for e in target.elts)) if target.elts else set()
    if isinstance(target, ast.Starred):
        return _targets(target.value)
    return set()
