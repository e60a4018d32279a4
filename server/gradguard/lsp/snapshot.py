"""What one analysis ran on: the source handed to the engine and where each line came from.

A text document is one segment; a notebook is one segment per Python code cell, in order. The
line map turns the engine's lines (1-based, in the joined source) back into (cell URI, line) and
the other way round.

A document that starts with a byte order mark (U+FEFF) is analysed without it (Python's
tokenizer rejects it inside a string): its segment says so, and columns on its first line are
shifted by the mark's width in the client's encoding, so positions still count the mark the
client has. A client position before the mark maps to the line's first column.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..analysis import Finding
from ..notebook_cells import file_name, restate_finding, restate_lines
from .foreign import ForeignFiles
from .positions import Encoding, from_client_column, split_lines, to_client_column

BOM = "\ufeff"


@dataclass(frozen=True)
class Segment:
    uri: str
    version: int | None
    first_line: int  # 0-based line of the joined source where this document starts
    line_count: int
    cell_number: int | None = None  # 1-based position in the notebook, None for a file
    bom: bool = False  # the document starts with U+FEFF, which the analysed source lacks


@dataclass(frozen=True)
class Snapshot:
    key: str  # the text document's URI, or the notebook's
    engine_path: str  # the path the engine is told (file system path when there is one)
    fs_path: Path | None  # where configuration is looked up from
    source: str
    segments: tuple[Segment, ...]
    state: Hashable  # equal to DocumentStore.state(key) while the documents are unchanged
    cells: tuple[str, ...] = field(default=())  # cell texts, for notebooks
    # the project's other files, for places the analysis names in them (None: none known)
    foreign: ForeignFiles | None = field(default=None, compare=False, hash=False)

    @property
    def is_notebook(self) -> bool:
        return bool(self.cells)

    @cached_property
    def lines(self) -> list[str]:
        return split_lines(self.source)

    @cached_property
    def _first_lines(self) -> list[int]:
        return [segment.first_line for segment in self.segments]

    def line_text(self, line: int) -> str:
        """Text of a 0-based line of the joined source ('' past the end)."""
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def locate(self, line: int) -> tuple[Segment, int] | None:
        """(segment, 0-based line inside it) for a 0-based line of the joined source."""
        if not self.segments:
            return None
        index = max(0, bisect.bisect_right(self._first_lines, line) - 1)
        segment = self.segments[index]
        local = line - segment.first_line
        if local >= segment.line_count and segment.line_count > 0:
            local = segment.line_count - 1
        return segment, max(0, local)

    def client_column(self, line: int, column: int, encoding: Encoding) -> int:
        """The client's column of a code-point column on a 0-based line of the joined source."""
        units = to_client_column(self.line_text(line), column, encoding)
        return units + self._bom_units(line, encoding)

    def engine_column(self, line: int, units: int, encoding: Encoding) -> int:
        """The code-point column of a client's column on a 0-based line of the joined source."""
        units -= self._bom_units(line, encoding)
        return from_client_column(self.line_text(line), units, encoding)

    def _bom_units(self, line: int, encoding: Encoding) -> int:
        located = self.locate(line)
        if located is None or not located[0].bom or located[1] != 0:
            return 0
        return to_client_column(BOM, 1, encoding)

    def segment_for(self, uri: str) -> Segment | None:
        for segment in self.segments:
            if segment.uri == uri:
                return segment
        return None

    def where(self, line: int) -> str:
        """Human form of a 0-based joined line: 'line 4' or 'cell 3, line 2'."""
        place = self.cell_line(line + 1)
        if place is not None:
            return f"cell {place[0]}, line {place[1]}"
        located = self.locate(line)
        return f"line {line + 1 if located is None else located[1] + 1}"

    def cell_line(self, line: int) -> tuple[int, int] | None:
        """(cell number, line in that cell) of a 1-based joined line of a notebook; None in a
        text document."""
        located = self.locate(line - 1)
        if located is None or located[0].cell_number is None:
            return None
        return located[0].cell_number, located[1] + 1

    def in_user_terms(self, finding: Finding) -> Finding:
        """The finding with the lines its texts name (the engine's, in the joined cells) as
        the user sees them: `cell 3, line 2`. Unchanged for a text document."""
        if not self.is_notebook:
            return finding
        return restate_finding(finding, self.cell_line, file_name(self.engine_path))

    def text_in_user_terms(self, text: str) -> str:
        """A text about this document, its line numbers restated per cell in a notebook."""
        if not self.is_notebook:
            return text
        return restate_lines(text, self.cell_line, file_name(self.engine_path), True)
