"""Recall and precision of the static analysis on labelled cases (runtime-checked labels).

Recall: of the cases that raise under torch, how many get a finding with the expected code at
the expected line. Precision: how many cases that run cleanly get an error-severity finding
(the target is zero). Misses and false alarms are listed by file.

    python bench/recall.py [DIR ...]     (default: tests/cases/realworld and bench/holdout)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gradguard.analysis import Severity, check_source  # noqa: E402
from harness.casefile import all_cases, parse_case  # noqa: E402


def measure(folder: Path) -> None:
    raising = flagged = clean = false_errors = silent = silent_found = 0
    misses: list[str] = []
    alarms: list[str] = []
    for path in all_cases(folder):
        case = parse_case(path)
        report = check_source(case.source, str(path))
        got = {(f.line, f.code) for f in report.findings}
        name = f"{path.name}"
        if case.raises is not None:
            raising += 1
            if case.expected and case.expected <= got:
                flagged += 1
            else:
                misses.append(f"{name}: expected {sorted(case.expected)}, got {sorted(got)}")
        elif case.expected:
            silent += 1
            silent_found += case.expected <= got
        else:
            clean += 1
            errors = [f for f in report.findings if f.severity == Severity.ERROR]
            if errors:
                false_errors += 1
                alarms.append(f"{name}: {[(f.line, f.code) for f in errors]}")
    print(f"== {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
    if raising:
        print(
            f"  recall: {flagged}/{raising} runtime-erroring cases flagged at the right line "
            f"({100 * flagged / raising:.0f}%)"
        )
    if silent:
        print(f"  silent hazards (run, wrong result): {silent_found}/{silent} flagged")
    print(f"  precision: {false_errors} error-severity findings on {clean} cases that run cleanly")
    for m in misses:
        print(f"  MISS {m}")
    for a in alarms:
        print(f"  FALSE ALARM {a}")


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [
        ROOT / "tests" / "cases" / "realworld",
        ROOT / "bench" / "holdout",
    ]
    for folder in folders:
        if folder.is_dir():
            measure(folder.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
