"""Stories on the command line: each finding's story for `check --format json`, and
`check --story FILE:LINE` / `verify --story` (an SVG file and the text timeline).

Lines here are the user's: a notebook's count within their cell, as everywhere in the CLI."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import Finding
from .analysis.findings import Span
from .analysis.parsing import decode_source
from .analysis.story import EventPlace, Locate, Story, StoryEvent, build_story, story_json
from .locations import locate, span_json
from .notebook_cells import ipynb_code_cells, join_cells, python_view
from .story_svg import Theme, story_svg
from .story_text import story_text

if TYPE_CHECKING:
    from .checking import FileResult


class SourceLines:
    """The lines of the files stories quote, read once (a notebook: its joined code cells)."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            self._lines[path] = _read_lines(path)
        return self._lines[path]

    def code_at(self, home: str) -> Callable[[Span], str]:
        """The text of a span's first line; a span without a path is in `home`."""

        def code_at(span: Span) -> str:
            lines = self.lines(span.path or home)
            if not 1 <= span.line <= len(lines):
                return ""
            text = lines[span.line - 1]
            if span.end_line == span.line:
                return text[span.col : span.end_col]
            return text[span.col :]

        return code_at


def _read_lines(path: str) -> list[str]:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return []
    if path.endswith(".ipynb"):
        try:
            source, _ = join_cells([python_view(c) for c in ipynb_code_cells(data)])
        except ValueError:
            return []
        return source.splitlines()
    return decode_source(data)[0].splitlines()


def file_story(r: FileResult, finding: Finding, sources: SourceLines) -> Story:
    return build_story(finding, sources.code_at(os.path.abspath(r.path)))


def json_place(r: FileResult) -> Callable[[Span], dict[str, Any]]:
    """An event's location as the JSON contract gives locations (`cell` in notebooks)."""
    return lambda span: span_json(r, span)


def cli_locate(r: FileResult) -> Locate:
    """Events placed for the terminal and stand-alone SVG files: no document URI, the line
    0-based in its file (in its cell for notebooks), named as the text output names it."""

    def place(event: StoryEvent) -> EventPlace:
        path, cell, line = locate(r, event.span, event.span.line)
        where = f"line {line}" if cell is None else f"cell {cell}, line {line}"
        if event.span.path:
            where += f" of {os.path.basename(path)}"
        return EventPlace("", line - 1, where)

    return place


def story_json_for(r: FileResult, finding: Finding, sources: SourceLines) -> dict[str, Any]:
    return story_json(file_story(r, finding, sources), json_place(r))


def parse_story_target(text: str) -> tuple[str, int | None, int] | None:
    """`FILE:LINE` or, for a notebook, `FILE:CELL:LINE` (cell and line 1-based)."""
    parts = text.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit() and parts[0]:
        if parts[0].endswith(".ipynb"):
            return parts[0], int(parts[1]), int(parts[2])
        return f"{parts[0]}:{parts[1]}", None, int(parts[2])  # a `:` in the path itself
    head, _, line = text.rpartition(":")
    if head and line.isdigit():
        return head, None, int(line)
    return None


def finding_at(r: FileResult, cell: int | None, line: int) -> Finding | None:
    """The finding located at that line of the checked file (the most severe, then the first
    on the line)."""
    hits = [
        f
        for f in r.findings
        if not f.span.path and locate(r, f.span, f.span.line)[1:] == (cell, line)
    ]
    if not hits:
        return None
    return min(hits, key=lambda f: (-f.severity, f.span.col, f.code))


def default_svg_path(path: str, cell: int | None, line: int) -> str:
    """`train.py` line 19 -> `train.19.story.svg` beside it (`nb.2.3.story.svg`: cell 2)."""
    where = f"{cell}.{line}" if cell is not None else str(line)
    target = Path(path)
    return str(target.with_name(f"{target.stem}.{where}.story.svg"))


def write_story(
    r: FileResult,
    finding: Finding,
    cell: int | None,
    line: int,
    out: str | None,
    theme: Theme,
    story: Story | None = None,
) -> int:
    """Write the SVG (to `out`, or beside the file) and print the text timeline; exit 0."""
    story = story or file_story(r, finding, SourceLines())
    locate = cli_locate(r)
    target = out or default_svg_path(r.path, cell, line)
    try:
        Path(target).write_text(story_svg(story, locate, theme), encoding="utf-8")
    except OSError as exc:
        print(f"gradguard: cannot write {target}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(story_text(story, locate, markdown=False) + "\n")
    print(f"wrote {target}")
    return 0
