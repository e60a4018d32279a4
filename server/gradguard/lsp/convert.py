"""Engine findings -> LSP diagnostics, in the client's position encoding and per document URI.

The engine counts 1-based lines of the analysed source and code-point columns; LSP wants 0-based
lines of each document (a notebook cell has its own) and columns in the negotiated encoding.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from ..analysis import Finding, Related, Severity, Span
from ..analysis.rules import rule_doc_url
from .client_features import ClientFeatures
from .positions import Encoding, to_client_column
from .settings import DocumentSettings
from .snapshot import Snapshot

SOURCE = "gradguard"

LSP_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def lsp_position(
    snapshot: Snapshot, line: int, column: int, encoding: Encoding
) -> tuple[str, types.Position] | None:
    """(document URI, position) of a 1-based engine line and code-point column."""
    located = snapshot.locate(line - 1)
    if located is None:
        return None
    segment, local_line = located
    character = snapshot.client_column(line - 1, column, encoding)
    return segment.uri, types.Position(line=local_line, character=character)


def lsp_range(snapshot: Snapshot, span: Span, encoding: Encoding) -> tuple[str, types.Range] | None:
    """(document URI, range) of an engine span; a span running into the next cell is cut at the
    end of its first line. A span in another file of the project gets that file's URI."""
    if span.path:
        return _foreign_range(snapshot, span, encoding)
    start = lsp_position(snapshot, span.line, span.col, encoding)
    end = lsp_position(snapshot, span.end_line, span.end_col, encoding)
    if start is None or end is None:
        return None
    uri, start_position = start
    end_uri, end_position = end
    if end_uri != uri or (end_position.line, end_position.character) < (
        start_position.line,
        start_position.character,
    ):
        text = snapshot.line_text(span.line - 1)
        end_position = types.Position(
            line=start_position.line,
            character=snapshot.client_column(span.line - 1, len(text), encoding),
        )
    return uri, types.Range(start=start_position, end=end_position)


def _foreign_range(
    snapshot: Snapshot, span: Span, encoding: Encoding
) -> tuple[str, types.Range] | None:
    foreign = snapshot.foreign
    lines = foreign.lines(span.path) if foreign is not None else None
    if foreign is None or lines is None:
        return None

    def position(line: int, col: int) -> types.Position:
        text = lines[line - 1] if 1 <= line <= len(lines) else ""
        return types.Position(line=line - 1, character=to_client_column(text, col, encoding))

    return foreign.uri(span.path), types.Range(
        start=position(span.line, span.col), end=position(span.end_line, span.end_col)
    )


def diagnostics_by_uri(
    snapshot: Snapshot,
    findings: tuple[Finding, ...],
    settings: DocumentSettings,
    encoding: Encoding,
    features: ClientFeatures,
    data_of: dict[int, dict[str, Any]],
) -> dict[str, list[types.Diagnostic]]:
    """Diagnostics for every document of the snapshot (an empty list clears a document).

    `data_of` maps a finding's index to the `data` payload its diagnostic carries.
    """
    out: dict[str, list[types.Diagnostic]] = {segment.uri: [] for segment in snapshot.segments}
    for index, finding in enumerate(findings):
        if finding.path and (
            snapshot.foreign is None or not snapshot.foreign.is_open(finding.path)
        ):
            continue  # located in a file that is not open: shown when it is
        located = lsp_range(snapshot, finding.span, encoding)
        if located is None:
            continue
        uri, range_ = located
        out.setdefault(uri, []).append(
            _diagnostic(snapshot, finding, range_, settings, encoding, features, data_of.get(index))
        )
    return out


def related_information(
    snapshot: Snapshot,
    related: tuple[Related, ...],
    encoding: Encoding,
    features: ClientFeatures,
) -> list[types.DiagnosticRelatedInformation] | None:
    """A finding's related locations, for clients that accept them (None: nothing to send)."""
    if not features.related_information:
        return None
    out: list[types.DiagnosticRelatedInformation] = []
    for item in related:
        located = lsp_range(snapshot, item.span, encoding)
        if located is not None:
            location = types.Location(uri=located[0], range=located[1])
            out.append(types.DiagnosticRelatedInformation(location, item.message))
    return out or None


def _diagnostic(
    snapshot: Snapshot,
    finding: Finding,
    range_: types.Range,
    settings: DocumentSettings,
    encoding: Encoding,
    features: ClientFeatures,
    data: dict[str, Any] | None,
) -> types.Diagnostic:
    return types.Diagnostic(
        range=range_,
        message=finding.message,
        severity=LSP_SEVERITY[settings.severity_of(finding.code, finding.severity)],
        code=finding.code,
        code_description=(
            types.CodeDescription(href=rule_doc_url(finding.code))
            if features.code_description
            else None
        ),
        source=SOURCE,
        related_information=related_information(snapshot, finding.related, encoding, features),
        data=data if features.diagnostic_data else None,
    )
