"""One open notebook: its type, version and cells in order, kept in sync with the client.

Cell texts live in the document store like any text document; this model only knows which
cells exist, their kind and their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lsprotocol import types

from .textdoc import REVISIONS


@dataclass
class NotebookModel:
    uri: str
    notebook_type: str
    version: int
    cells: list[types.NotebookCell] = field(default_factory=list)
    # changes with every structural edit we apply, whatever the client's versions say
    revision: int = field(default_factory=lambda: next(REVISIONS))

    def splice(self, change: types.NotebookCellArrayChange) -> None:
        """Replace `delete_count` cells at `start` with the new ones (indices clamped)."""
        start = min(max(change.start, 0), len(self.cells))
        stop = min(start + max(change.delete_count, 0), len(self.cells))
        self.cells[start:stop] = list(change.cells or [])
        self.revision = next(REVISIONS)

    def update_cells(self, updated: Sequence[types.NotebookCell]) -> None:
        """New kind/metadata for existing cells (a cell turned from code into markdown)."""
        by_document = {cell.document: cell for cell in updated}
        self.cells = [by_document.get(cell.document, cell) for cell in self.cells]
        self.revision = next(REVISIONS)

    def index_of(self, cell_uri: str) -> int | None:
        for index, cell in enumerate(self.cells):
            if cell.document == cell_uri:
                return index
        return None
