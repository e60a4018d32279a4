"""Hover on a flagged op: what goes wrong, in two lines, naming the op that saved the tensor."""

from __future__ import annotations

from lsprotocol import types

from ..analysis import Finding, Span
from ..analysis.rules import RULES, rule_doc_url
from ..story_text import story_text
from .convert import lsp_range
from .results import UnitResult
from .story import lsp_locate, show_link, story_of
from .verify_overlay import VerifyOverlay


def hover_at(
    result: UnitResult,
    uri: str,
    position: types.Position,
    markdown: bool,
    overlay: VerifyOverlay | None = None,
) -> types.Hover | None:
    snapshot = result.snapshot
    segment = snapshot.segment_for(uri)
    if segment is None or position.line < 0:
        return None
    line = segment.first_line + position.line  # 0-based, joined source
    column = snapshot.engine_column(line, position.character, result.encoding)
    point = (line + 1, column)
    hits = [
        f
        for f in result.findings
        if (f.span.line, f.span.col) <= point <= (f.span.end_line, f.span.end_col)
    ]
    if not hits:
        return None
    finding = min(hits, key=lambda f: (f.span.end_line - f.span.line, f.span.end_col - f.span.col))
    located = lsp_range(snapshot, finding.span, result.encoding)
    text = explain(result, finding, markdown)
    timeline = story_text(story_of(result, finding, overlay), lsp_locate(result), markdown)
    if markdown and located is not None:
        text += f"\n\n---\n\n{timeline}\n\n{show_link(located[0], located[1].start)}"
    else:
        text += f"\n\n{timeline}"
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=text),
        range=located[1] if located else None,
    )


def explain(result: UnitResult, finding: Finding, markdown: bool) -> str:
    """Line 1: the rule and the flagged op. Line 2: the op that saved the tensor and its line
    (when one did), then what PyTorch does."""
    snapshot = result.snapshot
    rule = RULES.get(finding.code)
    summary = rule.summary if rule else finding.message
    outcome = rule.torch_error if rule else ""
    op = _one_line(snapshot.line_text(finding.span.line - 1)[finding.span.col :], finding)
    saver = next((r for r in finding.related if "saved" in r.message), None)
    if markdown:
        first = f"**[{finding.code}]({rule_doc_url(finding.code)})** {summary}: `{op}`"
    else:
        first = f"{finding.code}: {summary}: {op}"
    consequence = f"PyTorch: {outcome}" if outcome else finding.message
    second = consequence
    if saver is not None and saver.span.path:  # saved in another module of the project
        lines = snapshot.foreign.lines(saver.span.path) if snapshot.foreign else None
        name = saver.span.path.replace("\\", "/").rsplit("/", 1)[-1]
        where = f"line {saver.span.line} of {name}"
        text = lines[saver.span.line - 1] if lines and saver.span.line <= len(lines) else ""
        saved_op = _shorten(_piece(text, saver.span) or name)
        shown = f"`{saved_op}`" if markdown else saved_op
        second = f"Saved for backward by {shown} at {where}. {consequence}"
    elif saver is not None:
        where = snapshot.where(saver.span.line - 1)
        saved_op = _segment(result, saver.span)
        shown = f"`{saved_op}`" if markdown else saved_op
        second = f"Saved for backward by {shown} at {where}. {consequence}"
    return f"{first}\n\n{second}" if markdown else f"{first}\n{second}"


def _segment(result: UnitResult, span: Span) -> str:
    """Source of a span on one line (a multi-line span: its first line)."""
    text = result.snapshot.line_text(span.line - 1)
    return _shorten(_piece(text, span) or text.strip())


def _piece(text: str, span: Span) -> str:
    return (
        text[span.col : span.end_col] if span.end_line == span.line else text[span.col :]
    ).strip()


def contributed_hover(
    diagnostics: list[types.Diagnostic], position: types.Position, markdown: bool
) -> types.Hover | None:
    """Hover on a diagnostic another file's analysis put here (opening `utils.py` shows what
    `train.py`'s call does to it): its message and where the other places are."""
    hits = [
        d
        for d in diagnostics
        if (d.range.start.line, d.range.start.character)
        <= (position.line, position.character)
        <= (d.range.end.line, d.range.end.character)
    ]
    if not hits:
        return None
    diagnostic = hits[0]
    places = [
        f"{r.message} ({r.location.uri.rsplit('/', 1)[-1]}:{r.location.range.start.line + 1})"
        for r in diagnostic.related_information or []
    ]
    code = str(diagnostic.code or "")
    if markdown:
        head = (
            f"**[{code}]({rule_doc_url(code)})** {diagnostic.message}"
            if code
            else diagnostic.message
        )
        text = "\n\n".join([head, *(f"- {p}" for p in places)])
    else:
        text = "\n".join([f"{code}: {diagnostic.message}", *places])
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=diagnostic.range)


def _one_line(rest_of_line: str, finding: Finding) -> str:
    if finding.span.end_line == finding.span.line:
        width = finding.span.end_col - finding.span.col
        return _shorten(rest_of_line[:width])
    return _shorten(rest_of_line.rstrip() + " ...")


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split()).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 3] + "..."
