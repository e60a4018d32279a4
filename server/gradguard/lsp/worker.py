"""What runs in the analysis worker processes: one engine call per request, never raising.

Kept free of pygls/lsprotocol imports so that workers start fast and stay small. Any exception
from the engine comes back as `AnalysisOutcome.error` (with its traceback) for the server to log.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass

from ..analysis import Finding, check_source
from ..notebook_cells import join_cells, python_view


@dataclass(frozen=True)
class AnalysisRequest:
    source: str
    engine_path: str
    cells: tuple[str, ...] = ()  # notebook cells: the source is built from them
    use_jedi: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None


@dataclass(frozen=True)
class AnalysisOutcome:
    findings: tuple[Finding, ...] = ()
    problems: tuple[str, ...] = ()
    error: str | None = None  # an internal error: the document gets no diagnostics
    seconds: float = 0.0


def analyse(request: AnalysisRequest) -> AnalysisOutcome:
    started = time.perf_counter()
    try:
        source = request.source
        if request.cells:
            source, _ = join_cells([python_view(cell) for cell in request.cells])
        report = check_source(
            source,
            request.engine_path,
            use_jedi=request.use_jedi,
            select=request.select,
            ignore=request.ignore,
        )
    except Exception:  # noqa: BLE001 - reported to the client, the worker carries on
        return AnalysisOutcome(
            error=traceback.format_exc(limit=8), seconds=time.perf_counter() - started
        )
    return AnalysisOutcome(
        tuple(report.findings), tuple(report.problems), None, time.perf_counter() - started
    )


def warm_up() -> None:
    """Import the engine, load its op table and run it once, so the first request is fast."""
    check_source("import torch\nx = torch.ones(1, requires_grad=True)\nx.add_(1)\n", "<warm-up>")
