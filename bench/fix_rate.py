"""How often the fix a user would take makes a failing case run, measured under torch.

Why: a diagnostic says what breaks; the fix is what users came for. For every case that raises
under torch, this applies what `gradguard check --fix` (and the editor's fix-all) applies, the
preferred fix of each finding where it overlaps no other, runs the result under torch and counts
the cases that then run. Cases with no finding are not counted (recall is `bench/recall.py`'s);
flagged cases without any fix count as failures. A case whose applied fixes are all safe is
also checked for meaning: the losses the original computed before it failed must come out the
same (`same_losses`); those that do not are listed. Prints figures; asserts nothing.

    python bench/fix_rate.py [DIR ...]   (default: tests/cases, bench/holdout, holdout2, holdout3)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gradguard.analysis import check_source  # noqa: E402
from gradguard.analysis.edits import apply_edits, plan_fixes  # noqa: E402
from harness.casefile import all_cases, parse_case  # noqa: E402
from harness.torch_run import run_source, same_losses  # noqa: E402

DEFAULT_DIRS = ("tests/cases", "bench/holdout", "bench/holdout2", "bench/holdout3")


def measure(folder: Path) -> tuple[int, int, int]:
    """(flagged raising cases, of which run after fix-all, of which had no fix at all)."""
    flagged = ran = no_fix = changed = 0
    failures: list[str] = []
    for path in all_cases(folder):
        case = parse_case(path)
        if case.raises is None:
            continue
        report = check_source(case.source, str(path))
        if not report.findings:
            continue
        flagged += 1
        preferred = [f.fixes[0] for f in report.findings if f.fixes]
        if not preferred:
            no_fix += 1
            codes = sorted({f"{f.code}@{f.line}" for f in report.findings})
            failures.append(f"{path.relative_to(ROOT)}: no fix ({', '.join(codes)})")
            continue
        chosen, _ = plan_fixes(preferred)
        fixed = apply_edits(case.source, [e for edits in chosen.values() for e in edits])
        try:
            outcome = run_source(fixed, str(path))
        except SyntaxError as exc:  # the fixed text does not even compile
            titles = "; ".join(f.title for f in preferred)
            failures.append(f"{path.relative_to(ROOT)}: {type(exc).__name__}: {exc} ({titles})")
            continue
        if outcome.ok:
            ran += 1
            if all(f.safe for f in preferred) and not same_losses(
                run_source(case.source, str(path)), outcome
            ):
                changed += 1
                titles = "; ".join(f.title for f in preferred)
                failures.append(
                    f"{path.relative_to(ROOT)}: safe fixes changed the losses ({titles})"
                )
        else:
            titles = "; ".join(f.title for f in preferred)
            failures.append(f"{path.relative_to(ROOT)}: still {outcome.describe()[:90]} ({titles})")
    share = f"{100 * ran / flagged:.0f}%" if flagged else "-"
    print(f"== {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
    print(f"  flagged raising cases that run after fix-all: {ran}/{flagged} ({share})")
    print(f"  flagged raising cases without any fix: {no_fix}")
    print(f"  safe fixes that changed the losses: {changed}")
    for line in failures:
        print(f"    {line}")
    return flagged, ran, no_fix


def main(argv: list[str]) -> int:
    dirs = [Path(a).resolve() for a in argv] or [ROOT / d for d in DEFAULT_DIRS]
    totals = [0, 0, 0]
    for folder in dirs:
        for i, n in enumerate(measure(folder)):
            totals[i] += n
    flagged, ran, no_fix = totals
    if len(dirs) > 1 and flagged:
        share = f"{100 * ran / flagged:.0f}%"
        print(f"\nall: {ran}/{flagged} ({share}) run after fix-all; {no_fix} without a fix")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
