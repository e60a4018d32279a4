"""The fix for an in-place write, with grad mode on, to a view made under `no_grad` (GG004):
make the view after the `no_grad` block instead, so autograd tracks it and the write.

`with torch.no_grad(): head = h[:2]` then `head.mul_(2)`: the view statement moves below the
block (the block goes when the view was all it held). The view has the same values and
storage either way; only now autograd records it, so the write reaches the base's graph the way
a write to any view does. Offered where the view is bound to one name by a plain assignment
directly in a `with torch.no_grad():` (or `torch.set_grad_enabled(False)`) block, and the rest
of that block neither reads that name nor rebinds what the view reads.
"""

from __future__ import annotations

import ast

from .findings import Fix, Span, TextEdit
from .spans import SourceMap


def _grad_off_block(stmt: ast.With, torch_name: str) -> bool:
    """`with torch.no_grad():` or `with torch.set_grad_enabled(False):`, nothing else."""
    if len(stmt.items) != 1 or stmt.items[0].optional_vars is not None:
        return False
    call = stmt.items[0].context_expr
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
        return False
    func = call.func
    if not (isinstance(func.value, ast.Name) and func.value.id == torch_name):
        return False
    if func.attr == "no_grad":
        return not call.args and not call.keywords
    return (
        func.attr == "set_grad_enabled"
        and len(call.args) == 1
        and not call.keywords
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value is False
    )


def _assignment_of(tree: ast.AST, view: ast.AST) -> tuple[ast.With, int] | None:
    """The `no_grad` block whose body assigns `view` to one name, and that statement's index."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.With):
            continue
        for i, stmt in enumerate(node.body):
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and (stmt.value.lineno, stmt.value.col_offset)
                == (getattr(view, "lineno", None), getattr(view, "col_offset", None))
                and stmt.value.end_col_offset == getattr(view, "end_col_offset", None)
            ):
                return node, i
    return None


def view_out_of_no_grad(
    src: SourceMap, tree: ast.AST, view: ast.AST, torch_name: str | None
) -> Fix | None:
    if torch_name is None:
        return None
    found = _assignment_of(tree, view)
    if found is None:
        return None
    block, index = found
    stmt = block.body[index]
    assert isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)
    if not _grad_off_block(block, torch_name):
        return None
    name = stmt.targets[0].id
    reads = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
    for later in block.body[index + 1 :]:
        for n in ast.walk(later):
            if isinstance(n, ast.Name) and (
                n.id == name or (n.id in reads and not isinstance(n.ctx, ast.Load))
            ):
                return None  # the rest of the block reads the view, or rebinds what it views
    lines = src.lines
    first, last = stmt.lineno, stmt.end_lineno or stmt.lineno
    if lines[first - 1][: stmt.col_offset].strip() or (
        lines[last - 1][stmt.end_col_offset or 0 :].strip() not in ("",)
        and not lines[last - 1][stmt.end_col_offset or 0 :].strip().startswith("#")
    ):
        return None  # shares its lines with another statement
    outer = " " * block.col_offset
    inner = stmt.col_offset
    text = "".join(
        outer + line[inner:].rstrip("\r\n") + "\n" if line[:inner].strip() == "" else line
        for line in lines[first - 1 : last]
    )
    end = block.end_lineno or block.lineno
    path = src.path
    shown = " ".join(src.text(stmt).split())
    if len(block.body) == 1:
        edits: tuple[TextEdit, ...] = (TextEdit(Span(block.lineno, 0, end + 1, 0, path), text),)
        where = f"drop the `with` block at line {block.lineno}"
    elif end < len(lines):
        edits = (
            TextEdit(Span(first, 0, last + 1, 0, path), ""),
            TextEdit(Span(end + 1, 0, end + 1, 0, path), text),
        )
        where = f"move it below the `with` block ending at line {end}"
    else:
        return None
    return Fix(
        f"Create the view `{shown}` with grad mode on: {where} (autograd then tracks the write)",
        edits,
    )
