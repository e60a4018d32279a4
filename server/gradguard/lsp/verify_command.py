"""`gradguard.verifyCell`: run the `# %%` cell at the cursor (or the whole file) under
instrumented torch, in a subprocess (never in the server), and answer with what happened.

Arguments (one object, as the VS Code client sends them): `uri`, and either `cell` (1-based,
as `gradguard verify --cell`) or `position` (`{line, character}`, 0-based) to find the cell;
`timeout` in seconds. Notebooks are verified by the CLI on the saved file for now.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..analysis.parsing import cell_ranges, split_lines
from ..verify import Limits, verify_source
from ..verify.report import to_dict

COMMAND = "gradguard.verifyCell"
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class VerifyRequest:
    uri: str
    cell: int | None
    timeout: float


class RequestError(ValueError):
    """The request cannot be served; its message is shown to the user."""


def parse_request(arguments: Sequence[Any], text: str) -> VerifyRequest:
    if not arguments or not isinstance(arguments[0], dict) or "uri" not in arguments[0]:
        raise RequestError("gradguard.verifyCell expects one argument: {uri, cell | position}")
    raw = arguments[0]
    if "cellIndex" in raw or "cellUri" in raw:
        raise RequestError(
            "Verify cell runs # %% scripts for now; for a notebook, run "
            "`gradguard verify` on the file"
        )
    timeout = raw.get("timeout") or DEFAULT_TIMEOUT
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise RequestError(f"timeout must be a positive number of seconds, not {timeout!r}")
    ranges = cell_ranges(split_lines(text))
    cell = raw.get("cell")
    if cell is None and isinstance(raw.get("position"), dict):
        line = int(raw["position"].get("line", 0)) + 1
        cell = next((i for i, (a, b) in enumerate(ranges, 1) if a <= line <= b), None)
    if cell is not None and (not isinstance(cell, int) or not 1 <= cell <= len(ranges)):
        raise RequestError(f"no cell {cell!r}: the file has {len(ranges)}")
    if len(ranges) == 1:
        cell = None  # no `# %%` markers: the whole file is the cell
    return VerifyRequest(str(raw["uri"]), cell, float(timeout))


async def run_verify(request: VerifyRequest, text: str, path: str) -> dict[str, Any]:
    """The verify result as DESIGN §6 JSON, plus a one-line `message` for the user."""
    result = await asyncio.to_thread(
        verify_source, text, path, request.cell, limits=Limits(timeout=request.timeout)
    )
    doc = to_dict(result)
    doc["message"] = summary(doc)
    return doc


def summary(doc: dict[str, Any]) -> str:
    where = f"cell {doc['cell']['index']}" if doc.get("cell", {}).get("index") else "file"
    status = doc.get("status")
    verdicts = doc.get("verdicts") or []
    confirmed = sum(1 for v in verdicts if v.get("verdict") == "confirmed")
    findings = doc.get("findings") or []
    if status in ("timeout", "crashed", "no_torch"):
        return f"gradguard verify ({where}): {status}: {doc.get('message') or ''}".rstrip(": ")
    parts = [f"{len(findings)} runtime finding{'s' if len(findings) != 1 else ''}"]
    if verdicts:
        parts.append(f"{confirmed}/{len(verdicts)} static findings confirmed")
    return f"gradguard verify ({where}): {status}; " + ", ".join(parts)
