"""Match the static findings inside the verified cell with what really happened at runtime.

A static finding is *confirmed* when a runtime finding has the same in-place line and the same
code family; *not_confirmed* when the line ran (or the cell ran to its end) without it;
*not_reached* when the run stopped (exception, timeout, crash, no torch) before the line ran.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis import Finding
from .model import RuntimeFinding, Verdict, VerifyResult

# codes whose runtime events are the same kind of event seen from two sides
_FAMILY = {"GG005": "inference", "GG006": "inference"}


def family(code: str) -> str:
    return _FAMILY.get(code, code)


def judge(static: Iterable[Finding], result: VerifyResult) -> list[Verdict]:
    verdicts = []
    for finding in sorted(static, key=lambda f: f.sort_key()):
        if finding.path or not result.cell.start_line <= finding.line <= result.cell.end_line:
            continue  # in another file (reached through an import), or outside the cell
        match = matching(finding, result.findings)
        if match is not None:
            verdicts.append(Verdict(finding.code, finding.line, "confirmed", match.message))
            continue
        verdicts.append(_unmatched(finding, result))
    return verdicts


def matching(finding: Finding, runtime: list[RuntimeFinding]) -> RuntimeFinding | None:
    """The runtime finding that confirms `finding`: same in-place line, same code family."""
    want = family(finding.code)
    for event in runtime:
        if event.inplace.line == finding.line and family(event.kind) == want:
            return event
    return None


def _unmatched(finding: Finding, result: VerifyResult) -> Verdict:
    code, line = finding.code, finding.line
    if result.status == "no_torch":
        return Verdict(code, line, "not_reached", f"nothing ran: {result.message}")
    ran = line in result.executed_lines
    if result.completed:
        detail = (
            f"the cell ran to the end; line {line} ran without this hazard happening"
            if ran
            else f"the cell ran to the end; line {line} never ran (a branch not taken here)"
        )
        return Verdict(code, line, "not_confirmed", detail)
    why = _stop_reason(result)
    if ran:
        detail = f"line {line} ran without this hazard happening, then the run stopped: {why}"
        return Verdict(code, line, "not_confirmed", detail)
    return Verdict(code, line, "not_reached", f"the run stopped before line {line} ran: {why}")


def _stop_reason(result: VerifyResult) -> str:
    exc = result.exception
    if result.status == "error" and exc is not None:
        where = f" at line {exc.line}" if exc.line else ""
        return f"{exc.type}{where}"
    return result.message or result.status
