"""The torch-grounded case suite (tests/cases/README.md): for every case,
(a) torch's runtime outcome matches its `# raises:` label,
(b) gradguard's findings equal its `# expect:` annotations (and a case that runs cleanly never
    gets an error-severity finding; `# saver` lines are named in related information),
(c) every offered fix, applied and run under torch, makes the case run cleanly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gradguard.analysis import Severity, check_source
from gradguard.analysis.edits import apply_fix
from harness.casefile import Case, all_cases, parse_case

CASES_DIR = Path(__file__).parent / "cases"
CASE_PATHS = all_cases(CASES_DIR)
IDS = [f"{p.parent.name}/{p.stem}" for p in CASE_PATHS]


@pytest.fixture(scope="module")
def torch_run():  # type: ignore[no-untyped-def]
    pytest.importorskip("torch")
    from harness.torch_run import matches, run_source

    return run_source, matches


def _case(path: Path) -> Case:
    return parse_case(path)


def test_enough_cases() -> None:
    assert len(CASE_PATHS) >= 150
    families = {p.parent.name for p in CASE_PATHS}
    for i in range(1, 16):
        assert any(f.startswith(f"h{i:02d}_") for f in families), f"no cases for H{i}"


@pytest.mark.parametrize("path", CASE_PATHS, ids=IDS)
def test_runtime_matches_label(path: Path, torch_run) -> None:  # type: ignore[no-untyped-def]
    run_source, matches = torch_run
    case = _case(path)
    outcome = run_source(case.source, str(path))
    r = case.raises
    assert matches(
        outcome, r.exc_type if r else None, r.message if r else "", r.line if r else None
    ), (
        f"label says {'raises ' + r.exc_type + ' at line ' + str(r.line) if r else 'runs cleanly'}"
        f", torch says: {outcome.describe()}"
    )


@pytest.mark.parametrize("path", CASE_PATHS, ids=IDS)
def test_findings_match_annotations(path: Path) -> None:
    case = _case(path)
    report = check_source(case.source, str(path))
    assert not report.problems, f"the analysis reported problems: {report.problems}"
    got = {(f.line, f.code) for f in report.findings}
    assert got == case.expected, _explain(case, report.findings)
    if case.raises is None:
        errors = [f for f in report.findings if f.severity == Severity.ERROR]
        assert not errors, f"error-severity finding on a case that runs cleanly: {errors}"
    if case.saver_lines:
        related = {r.span.line for f in report.findings for r in f.related}
        assert case.saver_lines <= related, (
            f"saver lines {sorted(case.saver_lines)} not named; related lines: {sorted(related)}"
        )


FLAGGED = [p for p in CASE_PATHS if parse_case(p).expected]


@pytest.mark.parametrize("path", FLAGGED, ids=[f"{p.parent.name}/{p.stem}" for p in FLAGGED])
def test_every_fix_makes_the_case_run(path: Path, torch_run) -> None:  # type: ignore[no-untyped-def]
    run_source, _ = torch_run
    case = _case(path)
    report = check_source(case.source, str(path))
    fixes = [(f, fix) for f in report.findings for fix in f.fixes]
    if not fixes:
        pytest.skip("no fix offered")
    from harness.torch_run import same_losses

    original = run_source(case.source, str(path))
    for finding, fix in fixes:
        fixed = apply_fix(case.source, fix)
        outcome = run_source(fixed, str(path))
        assert outcome.ok, (
            f"fix '{fix.title}' for {finding.code} at line {finding.line} leaves: "
            f"{outcome.describe()}\n--- fixed source ---\n{fixed}"
        )
        # a safe fix keeps the maths: the losses the original computed, the failing one
        # included, come out the same (unsafe fixes change them on purpose)
        assert not fix.safe or same_losses(original, outcome), (
            f"safe fix '{fix.title}' for {finding.code} at line {finding.line} changes the "
            f"losses: {original.losses} -> {outcome.losses}\n--- fixed source ---\n{fixed}"
        )
        again = {
            (f.line, f.code)
            for f in check_source(fixed, str(path)).findings
            if f.severity == Severity.ERROR
        }
        assert not again, f"after fix '{fix.title}' gradguard still reports errors: {again}"


def _explain(case: Case, findings: list) -> str:  # type: ignore[type-arg]
    lines = case.source.splitlines()
    out = ["expected:"]
    out += [f"  {ln}: {code}  | {lines[ln - 1].strip()}" for ln, code in sorted(case.expected)]
    out.append("got:")
    out += [f"  {f.line}: {f.code} {f.severity.label}: {f.message}" for f in findings]
    return "\n".join(out)
