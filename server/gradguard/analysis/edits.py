"""Apply text edits to a source string (used by `check --fix` and by the tests)."""

from __future__ import annotations

import re

from .findings import Fix, TextEdit


def _offset(lines: list[str], line: int, col: int) -> int:
    return sum(len(text) for text in lines[: line - 1]) + col


def apply_edits(source: str, edits: list[TextEdit] | tuple[TextEdit, ...]) -> str:
    """Apply non-overlapping edits (positions refer to the original text)."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", source)
    if not lines or not lines[-1].endswith(("\n", "\r")):
        lines.append("")
    spans = sorted(edits, key=lambda e: (e.span.line, e.span.col, e.span.end_line, e.span.end_col))
    out: list[str] = []
    pos = 0
    for edit in spans:
        start = _offset(lines, edit.span.line, edit.span.col)
        end = _offset(lines, edit.span.end_line, edit.span.end_col)
        if start < pos:
            raise ValueError("overlapping edits")
        out.append(source[pos:start])
        out.append(edit.new_text)
        pos = end
    out.append(source[pos:])
    return "".join(out)


def apply_fix(source: str, fix: Fix) -> str:
    return apply_edits(source, fix.edits)


def apply_fixes(source: str, fixes: list[Fix]) -> tuple[str, int]:
    """Apply as many fixes as do not overlap an earlier one; returns (text, applied count)."""
    chosen: list[TextEdit] = []
    taken: list[Box] = []
    applied = 0
    for fix in fixes:
        edits = [e for e in fix.edits if e not in chosen]  # made once (see plan_fixes)
        if not edits:
            continue
        boxes = [_box(e) for e in edits]
        if any(_overlaps(b, t) for b in boxes for t in taken):
            continue
        chosen.extend(edits)
        taken.extend(boxes)
        applied += 1
    return apply_edits(source, chosen), applied


Box = tuple[int, int, int, int, bool]  # start, end, and "inserts whole lines at a line start"


def _box(edit: TextEdit) -> Box:
    s = edit.span
    lines = s.line == s.end_line and s.col == s.end_col == 0 and edit.new_text.endswith("\n")
    return (s.line, s.col, s.end_line, s.end_col, lines)


def _overlaps(a: Box, b: Box) -> bool:
    a0, a1 = (a[0], a[1]), (a[2], a[3])
    b0, b1 = (b[0], b[1]), (b[2], b[3])
    if a0 == a1 and b0 == b1:
        # two fixes may each insert whole lines at one place (two optimizer steps moved below
        # the same backward); any other two insertions there would interleave
        return a0 == b0 and not (a[4] and b[4])
    return (a0 < b1 and b0 < a1) or (a0 == b0)


def plan_fixes(fixes: list[Fix]) -> tuple[dict[str, list[TextEdit]], int]:
    """Choose fixes whose edits overlap no earlier chosen fix's, in every file they touch (a
    fix is taken whole or not at all); returns the chosen edits by path, and how many fixes."""
    chosen: dict[str, list[TextEdit]] = {}
    taken: dict[str, list[Box]] = {}
    applied = 0
    for fix in fixes:
        # an edit a chosen fix already makes (the `import torch` two no_grad wraps add) is
        # made once, and does not stand in the way
        edits = [e for e in fix.edits if e not in chosen.get(e.span.path, [])]
        if not edits:
            continue  # the same fix again (two findings sharing one): made once
        boxes = [(e.span.path, _box(e)) for e in edits]
        if any(_overlaps(b, t) for path, b in boxes for t in taken.get(path, [])):
            continue
        for edit, (path, box) in zip(edits, boxes, strict=True):
            chosen.setdefault(path, []).append(edit)
            taken.setdefault(path, []).append(box)
        applied += 1
    return chosen, applied
