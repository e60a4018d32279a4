"""`Verify cell` code lenses over the `# %%` markers of a Python file, for every LSP client
(Neovim, Helix, Emacs...): each runs `gradguard.verifyCell` for its cell through the server's
executeCommand. Files without markers and notebooks (which have their own cell UI) get none.
"""

from __future__ import annotations

from lsprotocol import types

from ..analysis.parsing import cell_ranges, is_cell_marker, split_lines
from .verify_command import COMMAND

TITLE = "Verify cell"


def verify_lenses(uri: str, text: str) -> list[types.CodeLens]:
    lines = split_lines(text)
    ranges = cell_ranges(lines)
    lenses = []
    for number, (first, _last) in enumerate(ranges, 1):
        if first > len(lines) or not is_cell_marker(lines[first - 1]):
            continue  # code before the first marker: a cell without a marker line
        position = types.Position(line=first - 1, character=0)
        lenses.append(
            types.CodeLens(
                range=types.Range(start=position, end=position),
                command=types.Command(
                    title=TITLE, command=COMMAND, arguments=[{"uri": uri, "cell": number}]
                ),
            )
        )
    return lenses
