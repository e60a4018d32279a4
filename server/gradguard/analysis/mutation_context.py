"""Fixes for a backward outside the `allow_mutation_on_saved_tensors()` context that recorded
its graph (GG010), where the backward is not simply after that block in one statement list
(fixes.move_into_context handles that):

- the backward sits in a second such block right after the first (in the same statement
  list): the second block's header goes, so its body joins the first block (with the
  statements between, indented). Safe: the context changes only how saved tensors are kept;
- nothing the context kept was written in place (no mutation it had to allow), the backward
  elsewhere (a function returns the forward's result from inside the block): the context is
  dropped, its body dedented. Safe: without a write to a saved tensor the context changes
  nothing autograd computes.
"""

from __future__ import annotations

import ast

from .findings import Fix, Span, TextEdit
from .spans import SourceMap

ALLOW_MUTATION = "allow_mutation_on_saved_tensors"


def _is_context(stmt: ast.AST) -> bool:
    """`with ...allow_mutation_on_saved_tensors():` and nothing else in the header."""
    if not isinstance(stmt, ast.With) or len(stmt.items) != 1:
        return False
    item = stmt.items[0]
    call = item.context_expr
    if item.optional_vars is not None or not isinstance(call, ast.Call):
        return False
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name == ALLOW_MUTATION and not call.args and not call.keywords


def _lists(tree: ast.AST) -> list[list[ast.stmt]]:
    out: list[list[ast.stmt]] = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                out.append(block)
    return out


def _contains(outer: ast.stmt, line: int) -> bool:
    return outer.lineno <= line <= (outer.end_lineno or outer.lineno)


def _plain_lines(src: SourceMap, stmts: list[ast.stmt]) -> bool:
    """Each statement alone on its lines and no multi-line string (re-indenting keeps them)."""
    for stmt in stmts:
        span = src.span(stmt)
        if src.lines[span.line - 1][: span.col].strip():
            return False
        rest = src.lines[span.end_line - 1][span.end_col :].strip()
        if rest and not rest.startswith("#"):
            return False
        if any(
            isinstance(n, ast.Constant)
            and isinstance(n.value, (str, bytes))
            and n.lineno != n.end_lineno
            for n in ast.walk(stmt)
        ):
            return False
    return True


def join_previous_context(
    src: SourceMap, tree: ast.AST, backward_line: int, save_line: int
) -> Fix | None:
    """The backward in a second context block right after the one that recorded the save."""
    for block in _lists(tree):
        later = next(
            (i for i, s in enumerate(block) if _is_context(s) and _contains(s, backward_line)),
            None,
        )
        if later is None:
            continue
        first = next(
            (
                i
                for i in range(later - 1, -1, -1)
                if _is_context(block[i]) and _contains(block[i], save_line)
            ),
            None,
        )
        if first is None:
            return None
        opened, second = block[first], block[later]
        assert isinstance(opened, ast.With) and isinstance(second, ast.With)
        body_col = opened.body[0].col_offset
        if second.body[0].col_offset != body_col or second.body[0].lineno != second.lineno + 1:
            return None
        between = block[first + 1 : later]
        if not _plain_lines(src, [*between, second]):
            return None
        pad = " " * (body_col - opened.col_offset)
        edits = [
            TextEdit(Span(line, 0, line, 0, src.path), pad)
            for s in between
            for line in range(s.lineno, (s.end_lineno or s.lineno) + 1)
            if src.lines[line - 1].strip()
        ]
        edits.append(TextEdit(Span(second.lineno, 0, second.lineno + 1, 0, src.path), ""))
        return Fix(
            f"Join the `with` block at line {second.lineno} to the one at line "
            f"{opened.lineno} (backward inside the context that recorded the graph)",
            tuple(edits),
        )
    return None


def drop_context(src: SourceMap, tree: ast.AST, lines: list[int]) -> Fix | None:
    """The innermost context block around one of `lines` (where the save's call chain ran)
    goes, its body dedented."""
    holders = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.With) and _is_context(n) and any(_contains(n, x) for x in lines)
    ]
    if not holders:
        return None
    block = max(holders, key=lambda n: n.lineno)
    body = block.body
    if body[0].lineno != block.lineno + 1 or not _plain_lines(src, [block]):
        return None
    cut = body[0].col_offset - block.col_offset
    end = block.end_lineno or block.lineno
    edits = [TextEdit(Span(block.lineno, 0, block.lineno + 1, 0, src.path), "")]
    for line in range(block.lineno + 1, end + 1):
        text = src.lines[line - 1]
        if not text.strip():
            continue
        if text[:cut].strip():
            return None  # a continuation line indented less than the body
        edits.append(TextEdit(Span(line, 0, line, cut, src.path), ""))
    return Fix(
        f"Remove the `{ALLOW_MUTATION}()` block at line {block.lineno} (nothing it kept is "
        f"written in place; the backward then runs normally)",
        tuple(edits),
    )
