"""Where the GG009 fix (`w = w - lr * w.grad` -> `w -= lr * w.grad` under `no_grad`) keeps `w`
a leaf, and what to offer where it does not.

The in-place update keeps the name on its leaf only if nothing else rebinds it: in an I-FGSM
loop the update is followed by `x = where(...)` and `x = torch.clamp(...)`, which make `x` a
non-leaf again, so the next round's `x.grad` is still None. There the fix the code's authors
wrote is to make the name a new leaf after its last rebinding of the round
(`x = x.detach().requires_grad_()`, the old `Variable(x.data, requires_grad=True)`): same
values, and the next backward fills `x.grad`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .findings import Fix, Span, TextEdit
from .spans import SourceMap


@dataclass(frozen=True)
class Rebinds:
    """How the rest of the code around an update rebinds its name: `last` is the last of the
    statements after it in its own block that rebind it (None when none does); `other` says a
    rebinding exists that a re-wrap after `last` would not follow (nested in a later statement,
    or elsewhere in the innermost loop around the update, where the next round meets it
    first)."""

    last: ast.stmt | None
    other: bool


def _stores(node: ast.AST, name: str) -> list[ast.AST]:
    """The places in `node` that store to `name` (a name or attribute chain)."""
    return [
        n
        for n in ast.walk(node)
        if isinstance(n, (ast.Name, ast.Attribute))
        and isinstance(n.ctx, ast.Store)
        and ast.unparse(n) == name
    ]


def rebinds_after(
    block: list[ast.stmt], index: int, loop: ast.For | ast.While | None, name: str
) -> Rebinds:
    """The rebindings of `name` around the update `block[index]`, in `loop` (the innermost
    loop around it, if any)."""
    last: ast.stmt | None = None
    other = False
    seen: set[int] = {id(n) for n in _stores(block[index], name)}
    for later in block[index + 1 :]:
        stores = _stores(later, name)
        seen.update(id(n) for n in stores)
        if isinstance(later, (ast.Assign, ast.AnnAssign)) and stores:
            last = later
        elif stores:
            other = True
    if loop is not None:
        # anywhere else in the round (before the update, or after the block holding it) the
        # next round meets the rebinding before its backward, or after the re-wrap
        other = other or any(id(n) not in seen for s in loop.body for n in _stores(s, name))
    return Rebinds(last, other)


def makes_leaf(stmt: ast.stmt) -> bool:
    """`x = x.detach().requires_grad_()`, `x = Variable(x.data, requires_grad=True)`,
    `x = torch.tensor(v, requires_grad=True)`: the name is bound to a new leaf requiring grad."""
    value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
    if not isinstance(value, ast.Call):
        return False
    if isinstance(value.func, ast.Attribute) and value.func.attr == "requires_grad_":
        flag = value.args[0] if value.args else None
        if flag is None and value.keywords:
            flag = value.keywords[0].value
        return flag is None or (isinstance(flag, ast.Constant) and flag.value is True)
    return any(
        k.arg == "requires_grad" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in value.keywords
    )


def needs_grad_meanwhile(stmt: ast.stmt, name: str) -> bool:
    """`stmt` reads `name.grad` or runs a backward (`.backward(`, `autograd.grad(`)."""
    return any(
        isinstance(n, ast.Attribute)
        and (
            n.attr == "backward"
            or (n.attr == "grad" and ast.unparse(n.value) in (name, "autograd", "torch.autograd"))
        )
        for n in ast.walk(stmt)
    )


def rewrap_after(src: SourceMap, name: str, last: ast.stmt) -> Fix | None:
    """`name = name.detach().requires_grad_()` on the line after `last`, at its indentation."""
    first, end = last.lineno, last.end_lineno or last.lineno
    lines = src.lines
    if lines[first - 1][: last.col_offset].strip():
        return None  # shares its line with a statement before it
    rest = lines[end - 1][last.end_col_offset or 0 :].strip()
    if rest and not rest.startswith("#"):
        return None
    indent = lines[first - 1][: last.col_offset]
    text = f"{indent}{name} = {name}.detach().requires_grad_()\n"
    if end < len(lines):
        edit = TextEdit(Span(end + 1, 0, end + 1, 0, src.path), text)
    else:  # the last line of the file
        close = len(lines[end - 1].rstrip("\r\n"))
        edit = TextEdit(Span(end, close, end, close, src.path), "\n" + text.rstrip("\n"))
    return Fix(
        f"Make `{name}` a new leaf after its last rebinding (line {end}): "
        f"`{name} = {name}.detach().requires_grad_()`, so the next backward fills `{name}.grad`",
        (edit,),
    )
