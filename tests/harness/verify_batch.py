"""Run every case of tests/cases under the verify harness, paying torch's import once.

The single-run CLI path starts one subprocess (and one `import torch`, 1-2 s) per file; the
case suite uses the runner's batch mode instead: all cases in one subprocess, each seeded like
`torch_run.run_source` does, with its own result file and captured output.
"""

from __future__ import annotations

from pathlib import Path

from gradguard.verify import Job, Limits, VerifyResult, add_verdicts, plan_cells, run_jobs

from .casefile import Case, parse_case


def verify_cases(paths: list[Path], timeout: float = 900.0) -> dict[Path, VerifyResult]:
    cases: list[Case] = [parse_case(p) for p in paths]
    jobs = [Job(str(c.path), c.source, plan_cells(c.source), seed=0) for c in cases]
    results = run_jobs(jobs, limits=Limits(timeout=timeout))
    for case, result in zip(cases, results, strict=True):
        add_verdicts(result, case.source)
    return {c.path: r for c, r in zip(cases, results, strict=True)}


def expect_lines(case: Case, codes: set[str] | None = None) -> set[int]:
    return {line for line, code in case.expected if codes is None or code in codes}


def runtime_hits(case: Case, result: VerifyResult) -> bool:
    """A runtime finding, or the caught exception, at a line the case annotates `# expect:`."""
    lines = expect_lines(case)
    if any(f.inplace.line in lines for f in result.findings):
        return True
    return result.exception is not None and result.exception.line in lines


def describe(result: VerifyResult) -> str:
    exc = result.exception
    out = [f"status {result.status}: {result.message}"]
    out += [
        f"  {f.kind} inplace={f.inplace.line}:{f.inplace.op} "
        f"saved_by={(f.saved_by.line, f.saved_by.op) if f.saved_by else None}"
        for f in result.findings
    ]
    if exc is not None:
        out.append(f"  exception {exc.type} at {exc.line}: {exc.message[:200]}")
    out += [f"  note: {n}" for n in result.notes]
    if result.stderr:
        out.append("  stderr: " + result.stderr[-500:])
    return "\n".join(out)
