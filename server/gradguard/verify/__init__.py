"""Run-and-verify: run a file or a `# %%` cell under instrumented torch, in a subprocess of the
user's interpreter, and report what really happened (DESIGN.md section 5).

`cells` picks the lines, `runner` launches `harness` (the code that runs inside the subprocess)
with its limits, `verdicts` matches the static findings with the runtime events, `report`
renders text or JSON.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from ..analysis import check_source
from ..analysis.parsing import decode_source
from ..project import loader_for
from .cells import CellError, CellPlan, plan_cells
from .model import RuntimeFinding, Site, Verdict, VerifyResult
from .runner import HARNESS, HarnessError, Job, Limits, run_jobs
from .verdicts import judge

__all__ = [
    "HARNESS",
    "CellError",
    "CellPlan",
    "HarnessError",
    "Job",
    "Limits",
    "RuntimeFinding",
    "Site",
    "Verdict",
    "VerifyResult",
    "add_verdicts",
    "plan_cells",
    "run_jobs",
    "verify_file",
    "verify_source",
]


def verify_source(
    source: str,
    path: str,
    cell: int | None = None,
    *,
    python: str | None = None,
    limits: Limits | None = None,
    ranges: Sequence[tuple[int, int]] | None = None,
    cancel: threading.Event | None = None,
) -> VerifyResult:
    """Verify `source` (the text of `path`); `cell` is 1-based, None means the whole file.

    `ranges` are the cells' line ranges when they are not marked by `# %%` (notebooks);
    setting `cancel` kills the run."""
    plan = plan_cells(source, cell, ranges)
    job = Job(os.path.abspath(path), source, plan)
    result = run_jobs([job], python, limits, cancel)[0]
    result.path = path
    add_verdicts(result, source)
    return result


def verify_file(
    path: str,
    cell: int | None = None,
    *,
    python: str | None = None,
    limits: Limits | None = None,
) -> VerifyResult:
    source, _ = decode_source(Path(path).read_bytes())
    return verify_source(source, path, cell, python=python, limits=limits)


def add_verdicts(result: VerifyResult, source: str) -> None:
    """Judge each static finding inside the verified cell against the runtime result."""
    path = result.path
    modules = loader_for(path) if os.path.isfile(path) else None  # the project's modules too
    static = check_source(source, os.path.abspath(path), modules=modules).findings
    result.verdicts = judge(static, result)
    judged = {(v.code, v.line) for v in result.verdicts}
    result.static = [f for f in static if not f.path and (f.code, f.line) in judged]
    result.source = source
