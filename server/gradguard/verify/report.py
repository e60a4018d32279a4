"""Render a verify result: text for people, JSON for scripts (DESIGN.md section 6, extended)."""

from __future__ import annotations

import json
from typing import Any

from .model import RuntimeFinding, Site, TensorFacts, VerifyResult
from .story_facts import verdict_stories


def _site(site: Site | None) -> dict[str, Any] | None:
    return None if site is None else {"line": site.line, "op": site.op}


def _tensor(t: TensorFacts | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "shape": list(t.shape) if t.shape is not None else None,
        "dtype": t.dtype,
        "saved_version": t.saved_version,
        "version": t.version,
        "writes": [{"line": w.line, "op": w.op, "version": w.version} for w in t.writes],
    }


def _finding(f: RuntimeFinding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "message": f.message,
        "inplace": _site(f.inplace),
        "saved_by": _site(f.saved_by),
        "detected_at": f.detected_at,
        "tensor": _tensor(f.tensor),
    }


def to_dict(result: VerifyResult) -> dict[str, Any]:
    exc = result.exception
    cell = result.cell
    return {
        "status": result.status,
        "findings": [_finding(f) for f in result.findings],
        "exception": None
        if exc is None
        else {"type": exc.type, "message": exc.message, "line": exc.line, "stage": exc.stage},
        "verdicts": [
            {"code": v.code, "line": v.line, "verdict": v.verdict, "detail": v.detail, "story": s}
            for v, s in zip(result.verdicts, verdict_stories(result), strict=True)
        ],
        "partial": result.partial,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "path": result.path,
        "cell": {
            "index": cell.index,
            "start_line": cell.start_line,
            "end_line": cell.end_line,
            "count": cell.count,
        },
        "message": result.message,
        "notes": list(result.notes),
        "completed": result.completed,
        "duration": round(result.duration, 3),
        "torch_version": result.torch_version,
        "python_version": result.python_version,
    }


def render_json(result: VerifyResult) -> str:
    return json.dumps(to_dict(result), indent=2) + "\n"


def render_text(result: VerifyResult) -> str:
    path = result.path
    cell = result.cell
    where = (
        f"cell {cell.index} of {cell.count} (lines {cell.start_line}-{cell.end_line})"
        if cell.index is not None
        else "whole file"
    )
    out = [f"{path}: verified {where}: {result.status}: {result.message}"]
    for f in result.findings:
        line = f.inplace.line if f.inplace.line is not None else f.detected_at
        out.append(f"{path}:{line or '?'}: {f.kind} {f.message}")
        if f.saved_by is not None:
            out.append(f"    saved by `{f.saved_by.op}` at line {f.saved_by.line}")
    exc = result.exception
    if exc is not None:
        stage = " (setup cell)" if exc.stage == "setup" else ""
        out.append(f"{path}:{exc.line or '?'}: {exc.type}{stage}: {exc.message}")
    if result.verdicts:
        out.append("static findings in this cell:")
        for v in result.verdicts:
            detail = "" if v.verdict == "confirmed" else f": {v.detail}"  # the finding says it
            out.append(f"    {path}:{v.line}: {v.code} {v.verdict}{detail}")
    if result.partial:
        out.append("verification is partial:")
    for note in result.notes:
        out.append(f"    note: {note}")
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        if text:
            out.append(f"--- {name} ---")
            out.append(text.rstrip("\n"))
    return "\n".join(out) + "\n"
