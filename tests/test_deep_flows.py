"""A script's flow nested deeper than Python's recursion limit lets the analysis go (a
framework's trainer followed from `main()` -> `run()` -> ...): the call that hits the limit is
left opaque and the rest of the file is still analysed, instead of the whole analysis
stopping with "code nested too deeply". Outcome checked under torch 2.13 by running it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gradguard.analysis import check_source

DEPTH = 12

SCRIPT_END = """
w = torch.randn(3, requires_grad=True)
y = torch.sigmoid(w)
y.add_(1)
y.sum().backward()
"""


HEADROOM = 130


def _depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


def _script() -> str:
    lines = ["import torch", ""]
    for level in range(DEPTH):
        callee = f"level{level + 1}()" if level + 1 < DEPTH else "None"
        lines += [f"def level{level}():", f"    if {level} >= 0:", f"        return {callee}", ""]
    lines += ["level0()", SCRIPT_END]
    return "\n".join(lines)


def test_a_flow_deeper_than_the_recursion_limit_still_reaches_the_later_hazard(
    tmp_path: Path,
) -> None:
    source = _script()
    path = tmp_path / "deep.py"
    path.write_text(source)
    run = subprocess.run([sys.executable, str(path)], capture_output=True)
    assert b"modified by an inplace operation" in run.stderr  # sigmoid saved its output
    line = source.splitlines().index("y.add_(1)") + 1
    limit = sys.getrecursionlimit()
    # low enough that the nested calls hit it, counted from where this test runs (pytest's
    # own frames, more under xdist)
    sys.setrecursionlimit(_depth() + HEADROOM)
    try:
        report = check_source(source, str(path))
    finally:
        sys.setrecursionlimit(limit)
    assert (line, "GG002") in {(f.line, f.code) for f in report.findings}, report.problems
