"""The story of each static finding a run judged, with what the run saw: the verdict, and for
a confirmed finding the saved tensor's real versions (saved at, found at, after each write),
its shape and its dtype."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..analysis import Finding
from ..analysis.findings import Span
from ..analysis.story import RunFacts, RunWrite, Story, build_story, story_json, with_run
from .model import VerifyResult
from .verdicts import matching


def code_in(source: str) -> Callable[[Span], str]:
    """The text of a span's first line in `source` (the run's source; other files: "")."""
    lines = source.splitlines()

    def code_at(span: Span) -> str:
        if span.path or not 1 <= span.line <= len(lines):
            return ""
        text = lines[span.line - 1]
        return text[span.col : span.end_col] if span.end_line == span.line else text[span.col :]

    return code_at


def run_facts(finding: Finding, result: VerifyResult, label: str = "") -> RunFacts | None:
    """The run's verdict on `finding` and, when confirmed, the saved tensor as the run saw
    it; None when the run did not judge it (outside the cell, in another file)."""
    verdict = next(
        (v for v in result.verdicts if v.code == finding.code and v.line == finding.line), None
    )
    if verdict is None:
        return None
    event = matching(finding, result.findings) if verdict.verdict == "confirmed" else None
    facts = event.tensor if event is not None else None
    if facts is None:
        return RunFacts(verdict=verdict.verdict, detail=verdict.detail, label=label)
    return RunFacts(
        verdict=verdict.verdict,
        detail=verdict.detail,
        label=label,
        shape=facts.shape,
        dtype=facts.dtype,
        saved_version=facts.saved_version,
        found_version=facts.version,
        writes=tuple(RunWrite(w.line, w.op, w.version) for w in facts.writes),
    )


def run_story(
    finding: Finding,
    result: VerifyResult,
    label: str = "",
    code_at: Callable[[Span], str] | None = None,
) -> Story:
    """The finding's story; with the run's facts when the run judged it."""
    story = build_story(finding, code_at or code_in(result.source))
    facts = run_facts(finding, result, label)
    return story if facts is None else with_run(story, facts)


def verdict_stories(result: VerifyResult) -> list[dict[str, Any] | None]:
    """The story JSON of each verdict's finding, in the verdicts' order (None: not found)."""
    out: list[dict[str, Any] | None] = []
    for verdict in result.verdicts:
        finding = next(
            (f for f in result.static if f.code == verdict.code and f.line == verdict.line), None
        )
        if finding is None:
            out.append(None)
            continue
        story = run_story(finding, result)

        def place(span: Span) -> dict[str, Any]:
            return {
                "path": span.path or result.path,
                "line": span.line,
                "column": span.col + 1,
                "end_line": span.end_line,
                "end_column": span.end_col + 1,
            }

        out.append(story_json(story, place))
    return out
