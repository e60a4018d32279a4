"""What a verify run adds to the published diagnostics, until the unit's text changes.

Each static diagnostic inside the verified cell gets its verdict appended to its message
("confirmed by running cell 2", "not confirmed: ..."); each runtime finding that no static
diagnostic predicted becomes a diagnostic of its own (source `gradguard verify`) at the in-place
line, with the line of the op that saved the tensor as related information. An edit makes the
run's lines meaningless, so the overlay only applies to the exact text it ran on.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import attrs
from lsprotocol import types

from ..analysis import Finding, Related, Severity, Span
from ..verify import RuntimeFinding, VerifyResult
from .client_features import ClientFeatures
from .convert import SOURCE, lsp_range, related_information
from .positions import Encoding
from .snapshot import Snapshot

VERIFY_SOURCE = "gradguard verify"


@dataclass(frozen=True)
class VerifyOverlay:
    state: Hashable  # the unit's text state the run used
    notes: dict[tuple[str, int, str], str]  # (uri, 0-based line, code) -> text to append
    extra: dict[str, list[types.Diagnostic]]  # uri -> runtime-only diagnostics
    run: VerifyResult | None = None  # what the run saw (the stories' facts)
    label: str = ""  # what ran: "cell 2", "the file"

    def apply(self, uri: str, diagnostics: list[types.Diagnostic]) -> list[types.Diagnostic]:
        """The document's diagnostics with verdicts appended and runtime findings added."""
        out = []
        for diagnostic in diagnostics:
            note = self.notes.get((uri, diagnostic.range.start.line, str(diagnostic.code)))
            if note is not None and diagnostic.source == SOURCE:
                diagnostic = attrs.evolve(diagnostic, message=f"{diagnostic.message} [{note}]")
            out.append(diagnostic)
        return out + self.extra.get(uri, [])

    @property
    def uris(self) -> set[str]:
        return {uri for uri, items in self.extra.items() if items}


def build_overlay(
    result: VerifyResult,
    snapshot: Snapshot,
    label: str,
    encoding: Encoding,
    features: ClientFeatures,
) -> VerifyOverlay:
    notes: dict[tuple[str, int, str], str] = {}
    for verdict in result.verdicts:
        located = lsp_range(snapshot, _line_span(snapshot, verdict.line), encoding)
        if located is None:
            continue
        uri, range_ = located
        text = f"verify: {verdict.verdict.replace('_', ' ')}"
        if verdict.verdict == "confirmed":
            text += f" by running {label}"
        else:
            text += f": {snapshot.text_in_user_terms(verdict.detail)}"
        notes[(uri, range_.start.line, verdict.code)] = text
    confirmed = {(v.code, v.line) for v in result.verdicts if v.verdict == "confirmed"}
    extra: dict[str, list[types.Diagnostic]] = {}
    for event in result.findings:
        line = event.inplace.line
        if line is None or (event.kind, line) in confirmed:
            continue
        finding = _as_finding(event, line, snapshot, label)
        diagnostic = _runtime_diagnostic(finding, snapshot, encoding, features)
        if diagnostic is not None:
            extra.setdefault(diagnostic[0], []).append(diagnostic[1])
    return VerifyOverlay(snapshot.state, notes, extra, result, label)


def _line_span(snapshot: Snapshot, line: int) -> Span:
    """The line's code, without its indentation and trailing blanks."""
    text = snapshot.line_text(line - 1)
    start = len(text) - len(text.lstrip())
    end = max(len(text.rstrip()), start)
    return Span(line, start, line, end)


def _as_finding(event: RuntimeFinding, line: int, snapshot: Snapshot, label: str) -> Finding:
    related: tuple[Related, ...] = ()
    saver = event.saved_by
    if saver is not None and saver.line is not None:
        op = f"`{saver.op}`" if saver.op else "the op"
        related = (Related(_line_span(snapshot, saver.line), f"{op} saved the tensor here"),)
    message = f"{snapshot.text_in_user_terms(event.message)} (seen when running {label})"
    return Finding(event.kind, Severity.ERROR, _line_span(snapshot, line), message, related)


def _runtime_diagnostic(
    finding: Finding, snapshot: Snapshot, encoding: Encoding, features: ClientFeatures
) -> tuple[str, types.Diagnostic] | None:
    located = lsp_range(snapshot, finding.span, encoding)
    if located is None:
        return None
    uri, range_ = located
    return uri, types.Diagnostic(
        range=range_,
        message=finding.message,
        severity=types.DiagnosticSeverity.Error,
        code=finding.code,
        source=VERIFY_SOURCE,
        related_information=related_information(snapshot, finding.related, encoding, features),
    )
