"""Notebook code cells as one Python program, with the same line numbers.

Cells are joined in order (each ends with a line break) so a tensor defined in one cell and
modified in a later one is tracked like in a script. IPython syntax (`%magic`, `!shell`,
`obj?`, cell magics) is not Python: in a cell that does not parse, such lines are replaced by
`pass` (keeping indentation and the line count), so the rest of the cell is still analysed.
The lines the analysis names in its messages (`line 48`) count in the joined program: they are
restated in the user's terms (`cell 5, line 14`) before anyone reads them.
Pure functions: used by the server and by the analysis workers.
"""

from __future__ import annotations

import ast
import bisect
import json
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .analysis.findings import Finding

_LINE_WITH_BREAK = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_LINE_MAGIC = re.compile(
    r"^(?P<indent>[ \t]*)(?:[%!?]|[\w.]+\?{1,2}[ \t]*$|[\w.,\[\] \t]+=[ \t]*[%!])"
)
_CELL_MAGIC = re.compile(r"^[ \t]*%%(?P<name>\w+)")
# cell magics whose body is ordinary Python run in the kernel
_PYTHON_BODY_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit"})


def ipynb_code_cells(data: bytes) -> list[str]:
    """The code cells of a .ipynb file, in order (raises ValueError if it is not a notebook)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a Jupyter notebook: {exc}") from exc
    cells = doc.get("cells") if isinstance(doc, dict) else None
    if not isinstance(cells, list):
        raise ValueError("not a Jupyter notebook: no cells")
    out: list[str] = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            out.append("".join(source) if isinstance(source, list) else str(source))
    return out


def cell_of_line(first_lines: Sequence[int], line: int) -> tuple[int, int]:
    """(0-based cell index, 1-based line in that cell) of a 1-based line of the joined program."""
    index = bisect.bisect_right(first_lines, line - 1) - 1
    index = max(index, 0)
    return index, line - first_lines[index]


def join_cells(texts: Sequence[str]) -> tuple[str, list[int]]:
    """The program the cells form, and the 0-based line at which each cell starts there."""
    parts: list[str] = []
    first_lines: list[int] = []
    line = 0
    for text in texts:
        first_lines.append(line)
        piece = text if text.endswith(("\n", "\r")) else text + "\n"
        parts.append(piece)
        line += len(_LINE_WITH_BREAK.findall(piece))
    return "".join(parts), first_lines


def cell_line_count(text: str) -> int:
    """How many lines a cell takes in the joined program."""
    piece = text if text.endswith(("\n", "\r")) else text + "\n"
    return len(_LINE_WITH_BREAK.findall(piece))


def python_view(cell_text: str) -> str:
    """The cell with IPython-only lines replaced by `pass`; unchanged when it already parses."""
    if _parses(cell_text):
        return cell_text
    lines = _LINE_WITH_BREAK.findall(cell_text)
    if not lines:
        return cell_text
    cell_magic = _CELL_MAGIC.match(lines[0])
    if cell_magic:
        body_is_python = cell_magic.group("name") in _PYTHON_BODY_CELL_MAGICS
        return "".join(
            _blank(line) if index == 0 or not body_is_python else _neutralise(line)
            for index, line in enumerate(lines)
        )
    return "".join(_neutralise(line) for line in lines)


def _parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _blank(line: str) -> str:
    body = line.rstrip("\r\n")
    return line[len(body) :]


def _neutralise(line: str) -> str:
    match = _LINE_MAGIC.match(line)
    if not match:
        return line
    body = line.rstrip("\r\n")
    return match.group("indent") + "pass" + line[len(body) :]


# a line (or lines) a message names: `line 48`, `lines 6-9`, `lines 3, 7`, `line 2 of `x.py``;
# code in backticks is matched first so that what it quotes is never read as a reference
_REFERENCE = re.compile(
    r"(?P<code>`[^`\n]*`)"
    r"|\blines? (?P<numbers>\d+(?:-\d+|(?:, \d+)*))(?![\d-])"
    r"(?P<of> of `(?P<file>[^`\n]+)`)?"
)

CellLine = Callable[[int], "tuple[int, int] | None"]


def restate_lines(text: str, cell_line: CellLine, name: str, bare_here: bool) -> str:
    """`text` with every line it names in the notebook `name` (the engine's 1-based lines of
    the joined program) in the user's terms: `line 48` -> `cell 5, line 14`, `lines 6-9` ->
    `cell 2, lines 6-9`, `line 48 of `nb.ipynb`` -> `cell 5, line 14 of `nb.ipynb``.
    `cell_line` maps a joined line to (cell number, line in that cell), None to leave it be.
    `bare_here`: a line named without a file is the notebook's (the text is about a place in
    it); otherwise it is the other file's and stays. Code in backticks is left alone."""

    def restate(match: re.Match[str]) -> str:
        if match.group("code") is not None:
            return match.group(0)
        file = match.group("file")
        if (file is None and not bare_here) or (file is not None and file != name):
            return match.group(0)
        said = _restate_numbers(match.group("numbers"), cell_line)
        return match.group(0) if said is None else said + (match.group("of") or "")

    return _REFERENCE.sub(restate, text)


def _restate_numbers(numbers: str, cell_line: CellLine) -> str | None:
    """`6-9` / `3, 7` / `48` as cells and lines (None: a line the map does not know)."""
    if "-" in numbers:
        first, last = (cell_line(int(n)) for n in numbers.split("-", 1))
        if first is None or last is None:
            return None
        if first[0] == last[0]:
            return f"cell {first[0]}, lines {first[1]}-{last[1]}"
        return f"cell {first[0]}, line {first[1]} to cell {last[0]}, line {last[1]}"
    by_cell: dict[int, list[int]] = {}
    for n in numbers.split(", "):
        place = cell_line(int(n))
        if place is None:
            return None
        by_cell.setdefault(place[0], []).append(place[1])
    return "; ".join(
        f"cell {cell}, line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
        for cell, lines in by_cell.items()
    )


def restate_finding(finding: Finding, cell_line: CellLine, name: str) -> Finding:
    """The finding with the lines its message, related messages and fix titles name in the
    notebook `name` restated per cell (see `restate_lines`). Bare line numbers belong to the
    file the finding is located in: the notebook, unless the finding is in another module."""
    bare_here = not finding.span.path

    def say(text: str) -> str:
        return restate_lines(text, cell_line, name, bare_here)

    return replace(
        finding,
        message=say(finding.message),
        related=tuple(replace(r, message=say(r.message)) for r in finding.related),
        fixes=tuple(replace(fix, title=say(fix.title)) for fix in finding.fixes),
    )


def file_name(path: str) -> str:
    """The name a message gives a file (`line 3 of `nb.ipynb``): its last path component."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]
