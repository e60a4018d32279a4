"""`gradguard.verifyCell`: which cell of which document to run, and the one-line answer.

Arguments (one object, as the VS Code client sends them): `uri`, and what to run:
- a `.py` file: `cell` (1-based, as `gradguard verify --cell`) or `position` (`{line,
  character}`, 0-based) to find the `# %%` cell; without markers the whole file runs;
- a notebook: the cell's own `vscode-notebook-cell:` URI, or the notebook's URI with `cell`
  (1-based position in the notebook). The notebook's code cells before it run first as setup,
  with IPython-only lines (`%magic`, `!shell`) replaced by `pass`. The VS Code client sends
  the notebook's URI with `cellUri` (and `cellIndex`, 0-based in the notebook);
`timeout` in seconds, and `quiet: true` when the client shows the answer itself (no
window/showMessage then). Running the code happens in `verify`, in a subprocess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..analysis.parsing import cell_ranges, split_lines
from ..notebook_cells import join_cells, python_view
from .snapshot import Snapshot

COMMAND = "gradguard.verifyCell"
DEFAULT_TIMEOUT = 60.0


class RequestError(ValueError):
    """The request cannot be served; its message is shown to the user."""


@dataclass(frozen=True)
class VerifyTarget:
    """What the subprocess runs: `source` with its cells, and the snapshot it came from (whose
    line map turns the run's lines back into document positions)."""

    snapshot: Snapshot
    source: str
    cell: int | None  # 1-based index into `ranges` (or the `# %%` cells); None: whole source
    ranges: tuple[tuple[int, int], ...] | None  # None: cells are `# %%` markers
    timeout: float
    label: str  # "cell 2", "the file"
    quiet: bool = False


def request_uri(arguments: Sequence[Any]) -> str:
    if not arguments or not isinstance(arguments[0], dict) or "uri" not in arguments[0]:
        raise RequestError("gradguard.verifyCell expects one argument: {uri, cell | position}")
    return str(arguments[0]["uri"])


def resolve_target(arguments: Sequence[Any], uri: str, snapshot: Snapshot) -> VerifyTarget:
    """The cell the arguments ask for, in the unit `snapshot` holds `uri` in."""
    raw = arguments[0]
    timeout = raw.get("timeout") or DEFAULT_TIMEOUT
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise RequestError(f"timeout must be a positive number of seconds, not {timeout!r}")
    quiet = raw.get("quiet") is True
    if snapshot.is_notebook:
        return _notebook_target(raw, uri, snapshot, float(timeout), quiet)
    ranges = cell_ranges(split_lines(snapshot.source))
    cell = raw.get("cell")
    if cell is None and isinstance(raw.get("position"), dict):
        line = _int(raw["position"].get("line"), "position.line") + 1
        cell = next((i for i, (a, b) in enumerate(ranges, 1) if a <= line <= b), None)
    if cell is not None and (
        not isinstance(cell, int) or isinstance(cell, bool) or not 1 <= cell <= len(ranges)
    ):
        raise RequestError(f"no cell {cell!r}: the file has {len(ranges)}")
    if len(ranges) == 1:
        cell = None  # no `# %%` markers: the whole file is the cell
    label = "the file" if cell is None else f"cell {cell}"
    return VerifyTarget(snapshot, snapshot.source, cell, None, float(timeout), label, quiet)


def _notebook_target(
    raw: dict[str, Any], uri: str, snapshot: Snapshot, timeout: float, quiet: bool
) -> VerifyTarget:
    segments = snapshot.segments
    if isinstance(raw.get("cellUri"), str):
        uri = raw["cellUri"]
    elif isinstance(raw.get("cellIndex"), int) and not isinstance(raw["cellIndex"], bool):
        raw = {**raw, "cell": raw["cellIndex"] + 1}
    if uri != snapshot.key:  # the cell's own URI
        index = next((i for i, s in enumerate(segments) if s.uri == uri), None)
        if index is None:
            raise RequestError(f"{uri} is not a Python code cell of its notebook")
    else:
        number = raw.get("cell")
        if not isinstance(number, int) or isinstance(number, bool):
            raise RequestError("for a notebook, give the cell's URI or `cell` (1-based)")
        index = next((i for i, s in enumerate(segments) if s.cell_number == number), None)
        if index is None:
            raise RequestError(f"cell {number} of the notebook is not a Python code cell")
    source, _ = join_cells([python_view(cell) for cell in snapshot.cells])
    ranges = tuple((s.first_line + 1, s.first_line + max(s.line_count, 1)) for s in segments)
    number = segments[index].cell_number
    label = f"cell {number}" if number is not None else "the cell"
    return VerifyTarget(snapshot, source, index + 1, ranges, timeout, label, quiet)


def _int(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RequestError(f"{name} must be a non-negative integer, not {value!r}")
    return value


def summary(doc: dict[str, Any], label: str, where: Callable[[int], str]) -> str:
    """One line for window/showMessage; `where` names a line of the run's source as the user
    knows it ("line 9", or "cell 2, line 3" in a notebook)."""
    status = doc.get("status")
    if status in ("timeout", "crashed", "no_torch", "cancelled"):
        detail = doc.get("message") or ""
        return f"gradguard verify ({label}): {status}" + (f": {detail}" if detail else "")
    verdicts = doc.get("verdicts") or []
    confirmed = sum(1 for v in verdicts if v.get("verdict") == "confirmed")
    findings = doc.get("findings") or []
    parts = [f"{len(findings)} runtime finding{'s' if len(findings) != 1 else ''}"]
    if verdicts:
        parts.append(f"{confirmed}/{len(verdicts)} static findings confirmed")
    what = doc.get("message") or status  # "ran to the end", "stopped early"
    exception = doc.get("exception")
    if status == "error" and isinstance(exception, dict):
        line = exception.get("line")
        what = str(exception.get("type")) + (f" at {where(line)}" if isinstance(line, int) else "")
        if exception.get("stage") == "setup":
            what += " (in a setup cell)"
    return f"gradguard verify ({label}): {what}; " + ", ".join(parts)
