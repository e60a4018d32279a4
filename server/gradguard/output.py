"""Render check results: ruff-like text, the JSON contract of DESIGN §6, and SARIF 2.1.0."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from . import __version__
from .analysis import Finding
from .analysis.findings import Related, Span, TextEdit
from .analysis.rules import RULES, rule_doc_url
from .checking import display_path
from .notebook_cells import cell_of_line

if TYPE_CHECKING:
    from .checking import FileResult


def _where(r: FileResult, span: Span, line: int) -> tuple[str, int | None, int]:
    """(path, 1-based notebook cell or None, line) of a line of a location: in the checked
    file (a notebook's lines count within their cell), or in another module of the project."""
    if span.path:
        return display_path(span.path), None, line
    if r.cell_starts is None:
        return r.path, None, line
    index, in_cell = cell_of_line(r.cell_starts, line)
    return r.path, index + 1, in_cell


def _place(r: FileResult, span: Span) -> str:
    path, cell, line = _where(r, span, span.line)
    col = span.col + 1
    return f"{path}:{line}:{col}" if cell is None else f"{path}:cell {cell}:{line}:{col}"


def _with_cell(doc: dict[str, Any], cell: int | None) -> dict[str, Any]:
    if cell is not None:
        doc["cell"] = cell  # notebooks: lines count within the cell
    return doc


def _span_json(r: FileResult, span: Span, **fields: Any) -> dict[str, Any]:
    """A span as 1-based `line`/`column`, `end_line`/`end_column` (+ `cell` in notebooks)."""
    path, cell, line = _where(r, span, span.line)
    return _with_cell(
        {
            "path": path,
            "line": line,
            "column": span.col + 1,
            "end_line": _where(r, span, span.end_line)[2],
            "end_column": span.end_col + 1,
            **fields,
        },
        cell,
    )


def _edit_json(r: FileResult, e: TextEdit) -> dict[str, Any]:
    return _span_json(r, e.span, new_text=e.new_text)


def _related_json(r: FileResult, rel: Related) -> dict[str, Any]:
    path, cell, line = _where(r, rel.span, rel.span.line)
    return _with_cell(
        {"path": path, "line": line, "column": rel.span.col + 1, "message": rel.message}, cell
    )


def finding_json(r: FileResult, f: Finding) -> dict[str, Any]:
    related = [_related_json(r, rel) for rel in f.related]
    fixes = [
        {"title": fix.title, "edits": [_edit_json(r, e) for e in fix.edits]} for fix in f.fixes
    ]
    return _span_json(
        r,
        f.span,
        code=f.code,
        severity=f.severity.label,
        message=f.message,
        related=related,
        fixes=fixes,
    )


def render_json(results: list[FileResult], _show: bool = True) -> str:
    """DESIGN §6; each entry of `errors` says whether its file was `checked` (a note) or
    could not be checked at all (the exit status is then 2)."""
    doc = {
        "diagnostics": [finding_json(r, f) for r in results for f in r.findings],
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


def render_text(results: list[FileResult], show_fixes: bool = False) -> str:
    out: list[str] = []
    counts: Counter[str] = Counter()
    for r in results:
        if r.unchecked:
            out.append(f"{r.path}: error: not checked: {r.unchecked}")
        for p in r.problems:
            out.append(f"{r.path}: note: {p}")
        for f in r.findings:
            counts[f.severity.label] += 1
            out.append(f"{_place(r, f.span)}: {f.code} [{f.severity.label}] {f.message}")
            for rel in f.related:
                out.append(f"    {_place(r, rel.span)}: {rel.message}")
            if show_fixes:
                for fix in f.fixes:
                    out.append(f"    fix: {fix.title}")
    out.extend(summary(results, counts))
    return "\n".join(out) + "\n"


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


_SARIF_LEVEL = {"error": "error", "warning": "warning", "information": "note", "hint": "note"}


def render_sarif(results: list[FileResult], _show: bool = True) -> str:
    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "helpUri": rule_doc_url(r.code),
        }
        for r in RULES.values()
    ]
    sarif_results = []
    for r in results:
        for f in r.findings:
            loc = {
                "physicalLocation": {
                    "artifactLocation": {"uri": r.path},
                    "region": {
                        "startLine": f.span.line,
                        "startColumn": f.span.col + 1,
                        "endLine": f.span.end_line,
                        "endColumn": f.span.end_col + 1,
                    },
                }
            }
            sarif_results.append(
                {
                    "ruleId": f.code,
                    "level": _SARIF_LEVEL[f.severity.label],
                    "message": {"text": f.message},
                    "locations": [loc],
                    "relatedLocations": [
                        {
                            "id": i,
                            "message": {"text": rel.message},
                            "physicalLocation": {
                                "artifactLocation": {"uri": _where(r, rel.span, rel.span.line)[0]},
                                "region": {
                                    "startLine": rel.span.line,
                                    "startColumn": rel.span.col + 1,
                                },
                            },
                        }
                        for i, rel in enumerate(f.related)
                    ],
                }
            )
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gradguard",
                        "version": __version__,
                        "informationUri": "https://github.com/gradguard/gradguard",
                        "rules": rules,
                    }
                },
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(doc, indent=2) + "\n"
