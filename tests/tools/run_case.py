"""Run test cases under torch and check each against its `# raises:` annotation.

Usage: python tests/tools/run_case.py CASE.py [CASE.py ...]
Exit status 1 when any case's runtime outcome differs from its label.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.casefile import parse_case
from harness.torch_run import matches, run_source


def main(argv: list[str]) -> int:
    bad = 0
    for arg in argv:
        case = parse_case(Path(arg))
        outcome = run_source(case.source, str(case.path))
        r = case.raises
        ok = matches(
            outcome, r.exc_type if r else None, r.message if r else "", r.line if r else None
        )
        label = f"raises {r.exc_type} at line {r.line}" if r else "runs cleanly"
        status = "OK  " if ok else "MISMATCH"
        print(f"{status} {arg}: labelled '{label}', got: {outcome.describe()}")
        bad += not ok
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
