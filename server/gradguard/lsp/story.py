"""`gradguard.story`: the autograd story of the diagnostic at a position, as JSON, SVG and
markdown, with the facts of the unit's last verify run while its text is unchanged; the
"Show autograd story" code action and the hover's link to it.

Arguments: `[{"uri", "line", "character", "theme"?}]` (the diagnostic's start, 0-based; a
notebook cell's own URI works). Answer: null when no finding is there, else `{"title",
"story", "svg", "markdown"}`. `gradguard.showStory` is the client's command (it opens the
picture and asks the server for `gradguard.story`)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable, Sequence
from typing import Any

from lsprotocol import types

from ..analysis import Finding
from ..analysis.findings import Span
from ..analysis.story import (
    EventPlace,
    Locate,
    Story,
    StoryEvent,
    build_story,
    story_json,
    with_run,
)
from ..notebook_cells import file_name
from ..story_svg import story_svg
from ..story_text import story_text
from ..verify.story_facts import run_facts
from .convert import SOURCE, lsp_range
from .results import UnitResult
from .verify_overlay import VerifyOverlay

COMMAND = "gradguard.story"
SHOW_COMMAND = "gradguard.showStory"
ACTION_TITLE = "gradguard: Show autograd story"
ACTION_KIND = types.CodeActionKind.Empty.value


class StoryRequestError(ValueError):
    """The request's arguments are not what the command takes."""


def parse_request(arguments: Sequence[Any]) -> tuple[str, types.Position, str]:
    raw = arguments[0] if arguments else None
    if not isinstance(raw, dict) or not isinstance(raw.get("uri"), str):
        raise StoryRequestError("gradguard.story expects [{uri, line, character, theme?}]")
    line, character = raw.get("line"), raw.get("character", 0)
    for name, value in (("line", line), ("character", character)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise StoryRequestError(f"{name} must be a non-negative integer, not {value!r}")
    theme = raw.get("theme", "light")
    if theme not in ("light", "dark"):
        raise StoryRequestError(f"theme must be 'light' or 'dark', not {theme!r}")
    assert isinstance(line, int) and isinstance(character, int)
    return raw["uri"], types.Position(line=line, character=character), theme


def finding_at(result: UnitResult, uri: str, position: types.Position) -> Finding | None:
    """The finding whose range holds the position (the narrowest), as hover picks it."""
    snapshot = result.snapshot
    segment = snapshot.segment_for(uri)
    if segment is None:
        return None
    line = segment.first_line + position.line
    point = (line + 1, snapshot.engine_column(line, position.character, result.encoding))
    hits = [
        f
        for f in result.findings
        if not f.span.path
        and (f.span.line, f.span.col) <= point <= (f.span.end_line, f.span.end_col)
    ]
    if not hits:
        return None
    return min(hits, key=lambda f: (f.span.end_line - f.span.line, f.span.end_col - f.span.col))


def _code_at(result: UnitResult) -> Callable[[Span], str]:
    snapshot = result.snapshot

    def code_at(span: Span) -> str:
        if span.path:
            lines = snapshot.foreign.lines(span.path) if snapshot.foreign else None
            text = lines[span.line - 1] if lines and 1 <= span.line <= len(lines) else ""
        else:
            text = snapshot.line_text(span.line - 1)
        return text[span.col : span.end_col] if span.end_line == span.line else text[span.col :]

    return code_at


def lsp_locate(result: UnitResult) -> Locate:
    """Events placed in the editor's documents: URI, 0-based line there, 'cell 2, line 3'."""
    snapshot = result.snapshot

    def place(event: StoryEvent) -> EventPlace:
        located = lsp_range(snapshot, event.span, result.encoding)
        uri, line = (located[0], located[1].start.line) if located else ("", event.span.line - 1)
        if event.span.path:
            where = f"line {event.span.line} of {file_name(event.span.path)}"
        else:
            where = snapshot.where(event.span.line - 1)
        return EventPlace(uri, line, where)

    return place


def story_of(result: UnitResult, finding: Finding, overlay: VerifyOverlay | None) -> Story:
    story = build_story(finding, _code_at(result))
    if overlay is not None and overlay.run is not None:
        facts = run_facts(finding, overlay.run, overlay.label)
        if facts is not None:
            story = with_run(story, facts)
    return story


def story_answer(
    result: UnitResult, finding: Finding, overlay: VerifyOverlay | None, theme: str
) -> dict[str, Any]:
    story = story_of(result, finding, overlay)
    locate = lsp_locate(result)

    def place(span: Span) -> dict[str, Any]:
        located = lsp_range(result.snapshot, span, result.encoding)
        where: dict[str, Any] = {"path": span.path or result.snapshot.engine_path}
        if located is not None:
            uri, range_ = located
            where.update(
                uri=uri,
                line=range_.start.line + 1,
                column=range_.start.character + 1,
                end_line=range_.end.line + 1,
                end_column=range_.end.character + 1,
                range={
                    "start": {"line": range_.start.line, "character": range_.start.character},
                    "end": {"line": range_.end.line, "character": range_.end.character},
                },
            )
        return where

    return {
        "title": story.title,
        "story": story_json(story, place),
        "svg": story_svg(story, locate, "dark" if theme == "dark" else "light"),
        "markdown": story_text(story, locate, markdown=True),
    }


def show_arguments(uri: str, position: types.Position) -> list[dict[str, Any]]:
    return [{"uri": uri, "line": position.line, "character": position.character}]


def show_link(uri: str, position: types.Position) -> str:
    """A markdown link that runs the client's `gradguard.showStory` (trusted hovers)."""
    query = urllib.parse.quote(json.dumps(show_arguments(uri, position)))
    return f"[Show autograd story](command:{SHOW_COMMAND}?{query})"


def story_actions(uri: str, diagnostics: Sequence[types.Diagnostic]) -> list[types.CodeAction]:
    """One "Show autograd story" per gradguard diagnostic: a command, no edit, never
    preferred (fix-all never takes it)."""
    actions = []
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE:
            continue
        arguments = show_arguments(uri, diagnostic.range.start)
        actions.append(
            types.CodeAction(
                title=ACTION_TITLE,
                kind=ACTION_KIND,
                diagnostics=[diagnostic],
                command=types.Command(
                    title=ACTION_TITLE, command=SHOW_COMMAND, arguments=arguments
                ),
            )
        )
    return actions
