"""Where a statement stands among the lines of its file, for fixes that must give it lines of
its own: a statement sharing its line with others (`n = 3; w.mul_(0.5); m = 4`, the body of a
one-line `if warm: w.add_(0.1)`) is put on lines of its own, at the indentation its block
has (or would have), before a fix wraps it in a `with` block; and the indentation a fix adds
is the file's own (a tab where the line is indented with tabs: mixing them is a TabError)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .findings import Span
from .spans import SourceMap

_BLOCK_FIELDS = ("body", "orelse", "finalbody")


def indent_unit(src: SourceMap, line: int) -> str:
    """One level of indentation as the file writes it at `line`: a tab, or four spaces."""
    return "\t" if "\t" in src.indent_of(line) else "    "


@dataclass(frozen=True)
class Standalone:
    """How to put a statement on lines of its own: replace `span` (the statement with the
    separators that joined it to its neighbours) by `before` + the new text + `after`, the new
    text's lines indented by `indent`."""

    span: Span
    before: str
    indent: str
    after: str


def _same(a: ast.stmt, b: ast.stmt) -> bool:
    return (
        type(a) is type(b)
        and a.lineno == b.lineno
        and a.col_offset == b.col_offset
        and a.end_lineno == b.end_lineno
    )


def block_of(tree: ast.AST, stmt: ast.stmt) -> tuple[list[ast.stmt], int] | None:
    """The statement list holding (a statement at the place of) `stmt`, and its index."""
    for node in ast.walk(tree):
        for field in _BLOCK_FIELDS:
            block = getattr(node, field, None)
            if isinstance(block, list):
                for i, s in enumerate(block):
                    if isinstance(s, ast.stmt) and _same(s, stmt):
                        return block, i
        for handler in getattr(node, "handlers", ()) or ():
            for i, s in enumerate(handler.body):
                if _same(s, stmt):
                    return handler.body, i
    return None


def shares_lines(src: SourceMap, stmt: ast.stmt) -> bool:
    """Something else than a comment stands on the statement's first or last line."""
    span = src.span(stmt)
    if src.lines[span.line - 1][: span.col].strip():
        return True
    rest = src.lines[span.end_line - 1][span.end_col :].strip()
    return bool(rest) and not rest.startswith("#")


def standalone(src: SourceMap, tree: ast.AST, stmt: ast.stmt) -> Standalone | None:
    """The edit that puts a one-line simple statement sharing its line on lines of its own
    (None where it already has them, spans several lines, or its block is not found)."""
    found = block_of(tree, stmt)
    if found is None or not shares_lines(src, stmt):
        return None
    block, i = found
    own = block[i]
    if own.lineno != own.end_lineno:
        return None
    line = own.lineno
    first = next(s for s in block if s.lineno == line)
    first_span = src.span(first)
    text = src.lines[line - 1]
    if text[: first_span.col].strip():  # the body of a one-line `if x: ...`
        indent = src.indent_of(line) + indent_unit(src, line)
        header = True
    else:
        indent = text[: first_span.col]
        header = False
    prev = block[i - 1] if i > 0 and block[i - 1].end_lineno == line else None
    nxt = block[i + 1] if i + 1 < len(block) and block[i + 1].lineno == line else None
    span = src.span(own)
    if prev is not None:
        start = (src.span(prev).end_line, src.span(prev).end_col)
    elif header:  # from the header's colon: no blank left at the end of its line
        start = (span.line, len(text[: span.col].rstrip()))
    else:
        start = (span.line, span.col)
    end = (src.span(nxt).line, src.span(nxt).col) if nxt else (span.end_line, span.end_col)
    before = "\n" + indent if prev is not None or header else ""
    after = "\n" + indent if nxt is not None else ""
    return Standalone(Span(*start, *end, span.path), before, indent, after)
