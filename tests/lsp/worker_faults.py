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
