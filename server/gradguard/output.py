"""Render check results: ruff-like text, the JSON contract of DESIGN §6, per-rule statistics
and the diff of the fixes (SARIF and the CI formats have their own modules)."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from .analysis import Finding
from .analysis.findings import Related, TextEdit
from .analysis.rules import RULES
from .locations import locate, place, span_json, with_cell
from .story_output import SourceLines, story_json_for

if TYPE_CHECKING:
    from .checking import FileResult


def _edit_json(r: FileResult, e: TextEdit) -> dict[str, Any]:
    return span_json(r, e.span, new_text=e.new_text)


def _related_json(r: FileResult, rel: Related) -> dict[str, Any]:
    path, cell, line = locate(r, rel.span, rel.span.line)
    return with_cell(
        {"path": path, "line": line, "column": rel.span.col + 1, "message": rel.message}, cell
    )


def finding_json(r: FileResult, f: Finding, sources: SourceLines | None = None) -> dict[str, Any]:
    related = [_related_json(r, rel) for rel in f.related]
    fixes = [
        {
            "title": fix.title,
            "applicability": "safe" if fix.safe else "unsafe",
            "edits": [_edit_json(r, e) for e in fix.edits],
        }
        for fix in f.fixes
    ]
    return span_json(
        r,
        f.span,
        code=f.code,
        severity=f.severity.label,
        message=f.message,
        related=related,
        fixes=fixes,
        story=story_json_for(r, f, sources or SourceLines()),
    )


def render_json(results: list[FileResult], _show: bool = True) -> str:
    """DESIGN §6; each entry of `errors` says whether its file was `checked` (a note) or
    could not be checked at all (the exit status is then 2)."""
    sources = SourceLines()
    doc = {
        "diagnostics": [finding_json(r, f, sources) for r in results for f in r.findings],
        "errors": [
            *(
                {"path": r.path, "message": r.unchecked, "checked": False}
                for r in results
                if r.unchecked
            ),
            *({"path": r.path, "message": p, "checked": True} for r in results for p in r.problems),
        ],
    }
    return json.dumps(doc, indent=2) + "\n"


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def render_text(results: list[FileResult], show_fixes: bool = False, quiet: bool = False) -> str:
    """ruff-like lines; `quiet`: the findings and the files not checked, no notes or summary."""
    out: list[str] = []
    counts: Counter[str] = Counter()
    for r in results:
        if r.unchecked:
            out.append(f"{r.path}: error: not checked: {r.unchecked}")
        if not quiet:
            out.extend(f"{r.path}: note: {p}" for p in r.problems)
        for f in r.findings:
            counts[f.severity.label] += 1
            out.append(f"{place(r, f.span)}: {f.code} [{f.severity.label}] {f.message}")
            for rel in f.related:
                out.append(f"    {place(r, rel.span)}: {rel.message}")
            if show_fixes:
                for fix in f.fixes:
                    out.append(f"    fix{'' if fix.safe else ' (unsafe)'}: {fix.title}")
    if not quiet:
        out.extend(summary(results, counts))
    return "".join(line + "\n" for line in out)


def summary(results: list[FileResult], counts: Counter[str]) -> list[str]:
    """The closing lines; "All checks passed" only when every file was checked whole."""
    out: list[str] = []
    fixed = sum(r.fixed for r in results)
    total = sum(counts.values())
    checked = sum(1 for r in results if not r.unchecked)
    unchecked = len(results) - checked
    if total:
        parts = ", ".join(f"{n} {sev}" for sev, n in sorted(counts.items()))
        out.append(
            f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {_files(checked)}."
        )
    elif unchecked or any(r.problems for r in results):
        out.append(f"No findings in {_files(checked)} (see the messages above).")
    else:
        out.append(f"All checks passed ({_files(checked)}).")
    if unchecked:
        out.append(f"{_files(unchecked)} could not be checked.")
    if fixed:
        out.append(f"Applied {fixed} fix{'es' if fixed != 1 else ''}.")
    return out


def statistics(results: list[FileResult]) -> list[dict[str, Any]]:
    """Findings counted per rule, most frequent first; `fixable` when one of them has a fix."""
    counts: Counter[str] = Counter()
    fixable: set[str] = set()
    for r in results:
        for f in r.findings:
            counts[f.code] += 1
            if f.fixes:
                fixable.add(f.code)
    return [
        {"code": code, "name": RULES[code].name, "count": n, "fixable": code in fixable}
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def render_statistics(results: list[FileResult], as_json: bool = False) -> str:
    """`--statistics`: ruff's columns (count, code, `[*]` when a fix is offered, rule name)."""
    rows = statistics(results)
    if as_json:
        return json.dumps(rows, indent=2) + "\n"
    width = max((len(str(row["count"])) for row in rows), default=1)
    return "".join(
        f"{row['count']:>{width}}\t{row['code']}\t{'[*]' if row['fixable'] else '[ ]'} "
        f"{row['name']}\n"
        for row in rows
    )


def render_diff(changes: list[tuple[str, str, str]]) -> str:
    """`--diff`: a unified diff per file that the fixes would change ((name, before, after))."""
    out: list[str] = []
    for name, before, after in changes:
        lines = difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), name, name
        )
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
