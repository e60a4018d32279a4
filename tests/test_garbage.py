"""An analysis leaves nothing for the cyclic garbage collector: its syntax tree, values and
detector are freed by reference counting when check_source returns. Once the interpreter
and detector referred to each other (and classes to their methods, source maps to their
registry, recursive nested functions to themselves), every file's tree waited for a
collection: a quarter of the time of a run over 2,113 real files went to the collector."""

from __future__ import annotations

import gc
from pathlib import Path

from gradguard.analysis import check_source
from harness.casefile import all_cases

CASES = all_cases(Path(__file__).parent / "cases")
SAMPLE = CASES[:: max(1, len(CASES) // 40)]


def test_an_analysis_leaves_almost_no_reference_cycles() -> None:
    left: list[int] = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for path in SAMPLE:
            text = path.read_text(encoding="utf-8")
            check_source(text, str(path))  # first analysis: lazily built tables stay alive
            gc.collect()
            check_source(text, str(path))
            left.append(gc.collect())
    finally:
        if enabled:
            gc.enable()
    # measured: 0 for most files, a few hundred objects where a nested function's closure
    # holds itself; before, 100-1,000 per file (the whole tree) for every file
    assert sorted(left)[len(left) // 2] == 0, left
    assert sum(left) / len(left) < 60, left
