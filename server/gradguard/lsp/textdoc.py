"""One open text document (a file or a notebook cell) kept in sync with the client.

Changes are applied with LSP's line breaks and the negotiated position encoding; positions
outside the document are clamped (past the last line -> end of text, past a line's end -> end of
that line) instead of failing, so a confused client cannot take the server down.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from lsprotocol import types

from .positions import Encoding, from_client_column, line_starts

# one counter for all documents: a reopened document never repeats an earlier state
REVISIONS = itertools.count(1)


@dataclass
class TextDocument:
    uri: str
    language_id: str
    version: int | None
    text: str
    # changes with every edit we apply, whatever the client's version numbers say
    revision: int = field(default_factory=lambda: next(REVISIONS))

    def apply_change(
        self, change: types.TextDocumentContentChangeEvent, encoding: Encoding
    ) -> None:
        if isinstance(change, types.TextDocumentContentChangePartial):
            starts = line_starts(self.text)
            start = self.offset_at(change.range.start, encoding, starts)
            end = max(start, self.offset_at(change.range.end, encoding, starts))
            self.text = self.text[:start] + change.text + self.text[end:]
        else:
            self.text = change.text
        self.revision = next(REVISIONS)

    def offset_at(
        self, position: types.Position, encoding: Encoding, starts: list[int] | None = None
    ) -> int:
        """Code-point offset of a client position, clamped into the document."""
        starts = starts if starts is not None else line_starts(self.text)
        if position.line < 0:
            return 0
        if position.line >= len(starts):
            return len(self.text)
        start = starts[position.line]
        end = starts[position.line + 1] if position.line + 1 < len(starts) else len(self.text)
        line = self.text[start:end].rstrip("\r\n")
        return start + from_client_column(line, position.character, encoding)
