"""Where a location of a check result is shown: its path, its notebook cell and its line
in the user's coordinates (text, JSON, SARIF, CI formats and stories all place lines so)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .analysis.findings import Span
from .checking import display_path
from .notebook_cells import cell_of_line

if TYPE_CHECKING:
    from .checking import FileResult


def locate(r: FileResult, span: Span, line: int) -> tuple[str, int | None, int]:
    """(path, 1-based notebook cell or None, line) of a line of a location: in the checked
    file or in another file of the project (a notebook's lines count within their cell)."""
    path, starts = (
        (display_path(span.path), r.other_cell_starts.get(span.path))
        if span.path
        else (r.path, r.cell_starts)
    )
    if starts is None:
        return path, None, line
    index, in_cell = cell_of_line(starts, line)
    return path, index + 1, in_cell


def place(r: FileResult, span: Span) -> str:
    path, cell, line = locate(r, span, span.line)
    col = span.col + 1
    return f"{path}:{line}:{col}" if cell is None else f"{path}:cell {cell}:{line}:{col}"


def with_cell(doc: dict[str, Any], cell: int | None) -> dict[str, Any]:
    if cell is not None:
        doc["cell"] = cell  # notebooks: lines count within the cell
    return doc


def span_json(r: FileResult, span: Span, **fields: Any) -> dict[str, Any]:
    """A span as 1-based `line`/`column`, `end_line`/`end_column` (+ `cell` in notebooks)."""
    path, cell, line = locate(r, span, span.line)
    return with_cell(
        {
            "path": path,
            "line": line,
            "column": span.col + 1,
            "end_line": locate(r, span, span.end_line)[2],
            "end_column": span.end_col + 1,
            **fields,
        },
        cell,
    )
