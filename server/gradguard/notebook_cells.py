"""Notebook code cells as one Python program, with the same line numbers.

Cells are joined in order (each ends with a line break) so a tensor defined in one cell and
modified in a later one is tracked like in a script. IPython syntax (`%magic`, `!shell`,
`obj?`, cell magics) is not Python: in a cell that does not parse, such lines are replaced by
`pass` (keeping indentation and the line count), so the rest of the cell is still analysed.
Pure functions: used by the server and by the analysis workers.
"""

from __future__ import annotations

import ast
import bisect
import json
import re
import warnings
from collections.abc import Sequence

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
