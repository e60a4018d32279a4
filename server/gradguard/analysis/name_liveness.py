"""Is a local name read again after a statement? A write through one name to a tensor another
name also holds is rewritten out of place safely when that other name is dead: rebound or
never read before its function returns (`x = features; x += conv(x)` where `features` is only
assigned afresh later). Syntactic and conservative: a read anywhere in a loop around the
statement counts, as does any name the function does not itself bind."""

from __future__ import annotations

import ast

from .caller_sites import enclosing_function

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def dead_after(tree: ast.Module, stmt: ast.stmt, names: list[str]) -> bool:
    """None of `names` is read after `stmt` before being bound again, in the function around
    it (names bound only in that function, not `global`/`nonlocal` or read by a nested
    function; a read anywhere in a loop that holds the statement counts)."""
    func = enclosing_function(tree, stmt)
    if func is None:
        return False  # module level: anything later in the file, or an importer, may read it
    if any(n not in _bound_names(func) for n in names):
        return False
    chain = _block_chain(func, stmt)
    if chain is None:
        return False
    return all(_dead(name, chain) for name in names)


def _dead(name: str, chain: list[tuple[ast.AST, list[ast.stmt], int]]) -> bool:
    """Walk the statements after the write, innermost block first, then each enclosing
    block after the statement holding it: dead once rebound, live at a read."""
    for owner, block, index in chain:
        if isinstance(owner, (ast.For, ast.AsyncFor, ast.While)) and _reads(owner, name):
            return False  # the next round reads it
        for later in block[index + 1 :]:
            if _reads(later, name):
                return False
            if _rebinds(later, name):
                return True
    return True


def _block_chain(
    func: ast.FunctionDef | ast.AsyncFunctionDef, stmt: ast.stmt
) -> list[tuple[ast.AST, list[ast.stmt], int]] | None:
    """(statement owning the block, the block, index in it) from `stmt`'s block outwards."""
    parents: dict[ast.AST, tuple[ast.AST, list[ast.stmt]]] = {}
    for node in ast.walk(func):
        for field in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                for child in block:
                    parents[child] = (node, block)
    here: ast.AST | None = next(
        (
            n
            for n in parents
            if isinstance(n, ast.stmt)
            and n.lineno == stmt.lineno
            and n.col_offset == stmt.col_offset
        ),
        None,
    )
    chain: list[tuple[ast.AST, list[ast.stmt], int]] = []
    while here is not None and here is not func:
        found = parents.get(here)
        if found is None:
            return None
        owner, block = found
        chain.append((owner, block, [id(b) for b in block].index(id(here))))
        here = owner
    return chain if chain else None


def _reads(node: ast.AST, name: str) -> bool:
    return any(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
        for n in ast.walk(node)
    )


def _rebinds(stmt: ast.stmt, name: str) -> bool:
    """An unconditional plain assignment to the name (`features, feats = ...`)."""
    if not isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        return False
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return any(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
        for t in targets
        for n in ast.walk(t)
    )


def _bound_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    out = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
    shared: set[str] = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            shared.update(node.names)
        elif (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            and node is not func
        ):
            # a nested function may read the name later (a closure)
            shared.update(
                n.id
                for n in ast.walk(node)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            )
    return out - shared
