"""Findings in the formats CI systems read without a plug-in (ruff's `--output-format` names):
`github` (workflow commands, shown as annotations on the pull request's diff) and `gitlab`
(the Code Quality report a merge request shows)."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import Finding
from .locations import locate, place

if TYPE_CHECKING:
    from .checking import FileResult

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "information": "notice", "hint": "notice"}
_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "information": "info", "hint": "info"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _posix(path: str) -> str:
    return Path(path).as_posix()


def _message(r: FileResult, f: Finding) -> tuple[str, int | None]:
    """The message (a notebook's cell and line first: lines of a .ipynb are JSON, not code)
    and the line to annotate (None in a notebook)."""
    _, cell, line = locate(r, f.span, f.span.line)
    if cell is None:
        return f.message, line
    return f"cell {cell}, line {line}: {f.message}", None


def _github_command(level: str, path: str, text: str, **where: int | str) -> str:
    props = ",".join(
        f"{key}={_escape_property(str(value))}" for key, value in {"file": path, **where}.items()
    )
    return f"::{level} {props}::{_escape_data(text)}"


def render_github(results: list[FileResult], _show: bool = True) -> str:
    """`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=GG002::message`
    per finding (warning, notice for the milder severities); related locations follow in the
    message; a file not checked is an error annotation on the file, a note a notice."""
    out: list[str] = []
    for r in results:
        path = _posix(r.path)
        if r.unchecked:
            out.append(
                _github_command("error", path, f"not checked: {r.unchecked}", title="gradguard")
            )
        for note in r.problems:
            out.append(_github_command("notice", path, note, title="gradguard"))
        for f in r.findings:
            message, line = _message(r, f)
            text = "\n".join(
                [message, *(f"{place(r, rel.span)}: {rel.message}" for rel in f.related)]
            )
            if line is None:
                out.append(
                    _github_command(_GITHUB_LEVEL[f.severity.label], path, text, title=f.code)
                )
                continue
            _, _, end_line = locate(r, f.span, f.span.end_line)
            out.append(
                _github_command(
                    _GITHUB_LEVEL[f.severity.label],
                    path,
                    text,
                    line=line,
                    col=f.span.col + 1,
                    endLine=end_line,
                    endColumn=f.span.end_col + 1,
                    title=f.code,
                )
            )
    return "".join(line + "\n" for line in out)


def _gitlab_path(path: str) -> str:
    """Relative to the project directory (`CI_PROJECT_DIR` in a GitLab job), as the merge
    request's file links expect."""
    root = os.environ.get("CI_PROJECT_DIR")
    if root:
        rel = os.path.relpath(os.path.abspath(path), root)
        if not rel.startswith(".."):
            path = rel
    return _posix(path)


def render_gitlab(results: list[FileResult], _show: bool = True) -> str:
    """GitLab Code Quality: one object per finding with `description`, `check_name`,
    `fingerprint` (unique, stable while the finding is), `severity` and `location.path` /
    `location.lines.begin`. Notebook findings point at line 1 and say their cell."""
    issues: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    for r in results:
        path = _gitlab_path(r.path)
        for f in r.findings:
            message, line = _message(r, f)
            begin = line if line is not None else 1
            end = locate(r, f.span, f.span.end_line)[2] if line is not None else 1
            key = "\0".join((path, f.code, message))
            seen[key] += 1
            digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
            issues.append(
                {
                    "description": f"{f.code} {message}",
                    "check_name": f.code,
                    "fingerprint": digest,
                    "severity": _GITLAB_SEVERITY[f.severity.label],
                    "location": {"path": path, "lines": {"begin": begin, "end": end}},
                }
            )
    return json.dumps(issues, indent=2) + "\n"
