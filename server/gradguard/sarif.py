"""SARIF 2.1.0 (what GitHub code scanning reads): each rule with its page (`helpUri`), summary
and default level, each finding with its related locations and its fixes as replacements,
and the files that could not be checked as tool notifications. The tests validate the
output against the OASIS schema."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .analysis import Finding
from .analysis.findings import Fix, Span
from .analysis.rules import RULES, rule_doc_url
from .locations import locate

if TYPE_CHECKING:
    from .checking import FileResult

_LEVEL = {"error": "error", "warning": "warning", "information": "note", "hint": "note"}
# the level a rule reports at when the analysis is sure (hazards.py): GG008's silent wrong
# gradients are information, GG009 is a warning; every other rule predicts an exception
_DEFAULT_LEVEL = {"GG008": "note", "GG009": "warning"}
_ROOT = "%SRCROOT%"


def _artifact(path: str) -> dict[str, Any]:
    """A path relative to the working directory (the checkout, in CI) against %SRCROOT%;
    any other as a file: URI."""
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(Path.cwd())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": rel.as_posix(), "uriBaseId": _ROOT}


def _region(r: FileResult, span: Span) -> dict[str, Any]:
    return {
        "startLine": locate(r, span, span.line)[2],
        "startColumn": span.col + 1,
        "endLine": locate(r, span, span.end_line)[2],
        "endColumn": span.end_col + 1,
    }


def _location(r: FileResult, span: Span, **extra: Any) -> tuple[dict[str, Any], str]:
    """A SARIF location and the prefix its message needs: a notebook's lines are JSON, so a
    place in one is the file alone plus "cell N, line L" in words and in `properties`."""
    path, cell, line = locate(r, span, span.line)
    physical: dict[str, Any] = {"artifactLocation": _artifact(path)}
    if cell is None:
        physical["region"] = _region(r, span)
        return {**extra, "physicalLocation": physical}, ""
    props = {"cell": cell, "line": line, "column": span.col + 1}
    return {**extra, "physicalLocation": physical, "properties": props}, (
        f"cell {cell}, line {line}: "
    )


def _fix(r: FileResult, fix: Fix) -> dict[str, Any] | None:
    changes: dict[str, list[dict[str, Any]]] = {}
    for edit in fix.edits:
        path, cell, _ = locate(r, edit.span, edit.span.line)
        if cell is not None or path.endswith(".ipynb"):
            return None  # no text positions inside a notebook's JSON
        changes.setdefault(path, []).append(
            {"deletedRegion": _region(r, edit.span), "insertedContent": {"text": edit.new_text}}
        )
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {"artifactLocation": _artifact(path), "replacements": replacements}
            for path, replacements in changes.items()
        ],
    }


def _result(r: FileResult, f: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    location, prefix = _location(r, f.span)
    related = []
    for i, rel in enumerate(f.related):
        loc, rel_prefix = _location(r, rel.span, id=i)
        related.append({**loc, "message": {"text": rel_prefix + rel.message}})
    fixes = [fix for fix in (_fix(r, fix) for fix in f.fixes) if fix is not None]
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index[f.code],
        "level": _LEVEL[f.severity.label],
        "message": {"text": prefix + f.message},
        "locations": [location],
    }
    if related:
        result["relatedLocations"] = related
    if fixes:
        result["fixes"] = fixes
    return result


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": f"{rule.summary}. PyTorch: {rule.torch_error}"},
            "helpUri": rule_doc_url(rule.code),
            "help": {"text": f"{rule.summary}: see {rule_doc_url(rule.code)}"},
            "defaultConfiguration": {"level": _DEFAULT_LEVEL.get(rule.code, "error")},
        }
        for rule in RULES.values()
    ]


def _notifications(results: list[FileResult]) -> list[dict[str, Any]]:
    """Files not checked (level error) and notes on checked files (level note)."""
    out = []
    for r in results:
        where = [{"physicalLocation": {"artifactLocation": _artifact(r.path)}}]
        if r.unchecked:
            out.append(
                {
                    "level": "error",
                    "message": {"text": f"not checked: {r.unchecked}"},
                    "locations": where,
                }
            )
        for note in r.problems:
            out.append({"level": "note", "message": {"text": note}, "locations": where})
    return out


def render_sarif(results: list[FileResult], _show: bool = True) -> str:
    rules = _rules()
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
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
                "originalUriBaseIds": {_ROOT: {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not any(r.unchecked for r in results),
                        "toolExecutionNotifications": _notifications(results),
                    }
                ],
                "results": [_result(r, f, rule_index) for r in results for f in r.findings],
            }
        ],
    }
    return json.dumps(doc, indent=2) + "\n"
