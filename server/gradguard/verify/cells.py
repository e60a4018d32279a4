"""Which lines `verify --cell N` runs: the target `# %%` cell, and the cells before it as setup.

Cells are numbered from 1 in file order; lines before the first `# %%` marker form cell 1 (the
same split the analysis uses). Without `--cell` the whole file is one cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis.parsing import cell_ranges, split_lines


class CellError(ValueError):
    """The requested cell does not exist."""


@dataclass(frozen=True)
class CellPlan:
    setup: tuple[tuple[int, int], ...]
    target: tuple[int, int]
    index: int | None
    count: int

    def contains(self, line: int) -> bool:
        return self.target[0] <= line <= self.target[1]


def plan_cells(
    source: str, cell: int | None = None, ranges: Sequence[tuple[int, int]] | None = None
) -> CellPlan:
    """The plan for `cell` (1-based; None: the whole file). `ranges` gives the cells' first and
    last lines explicitly (a notebook's cells joined into one program) instead of `# %%`."""
    lines = split_lines(source)
    if cell is None:
        return CellPlan((), (1, max(len(lines), 1)), None, 1)
    ranges = list(ranges) if ranges is not None else cell_ranges(lines)
    if not 1 <= cell <= len(ranges):
        have = f"{len(ranges)} cell" + ("s" if len(ranges) != 1 else "")
        raise CellError(f"no cell {cell}: the file has {have} (numbered from 1)")
    return CellPlan(tuple(ranges[: cell - 1]), ranges[cell - 1], cell, len(ranges))
