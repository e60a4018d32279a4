"""Analysis functions that misbehave on purpose, for the scheduler's fault-isolation tests.
Module-level so that spawned worker processes can import them."""

from __future__ import annotations

import os
import time

from gradguard.lsp.worker import AnalysisOutcome, AnalysisRequest, analyse


def crash_on_marker(request: AnalysisRequest) -> AnalysisOutcome:
    if "CRASH" in request.source:
        os._exit(3)  # the worker process dies mid-analysis
    return analyse(request)


def hang_on_marker(request: AnalysisRequest) -> AnalysisOutcome:
    if "HANG" in request.source:
        time.sleep(60)
    return analyse(request)


def raise_on_marker(request: AnalysisRequest) -> AnalysisOutcome:
    if "RAISE" in request.source:
        raise ValueError("injected failure")
    return analyse(request)


def slow(request: AnalysisRequest) -> AnalysisOutcome:
    time.sleep(0.3)
    return analyse(request)


_HELD: list[bytes] = []


def hog_on_marker(request: AnalysisRequest) -> AnalysisOutcome:
    """Keeps 150 MB resident in the worker for good when the source says HOG; reports the
    worker's pid as its one problem."""
    if "HOG" in request.source:
        _HELD.append(b"x" * (150 * 1024 * 1024))
    return AnalysisOutcome(problems=(str(os.getpid()),))
