"""`# gradguard: ignore[GG002]` comments: which codes are silenced on which lines."""

from __future__ import annotations

import re

_IGNORE = re.compile(r"#\s*gradguard:\s*ignore(?:\[([A-Z0-9,\s]+)\])?", re.IGNORECASE)

ALL = "*"


def suppressed_codes(lines: list[str]) -> dict[int, set[str]]:
    """Map 1-based line -> codes ignored there (`{"*"}` for a bare ignore)."""
    out: dict[int, set[str]] = {}
    for lineno, line in enumerate(lines, start=1):
        if "gradguard" not in line:
            continue
        m = _IGNORE.search(line)
        if not m:
            continue
        codes = m.group(1)
        out[lineno] = {c.strip().upper() for c in codes.split(",") if c.strip()} if codes else {ALL}
    return out


def is_suppressed(table: dict[int, set[str]], line: int, code: str) -> bool:
    codes = table.get(line)
    return bool(codes) and (ALL in codes or code in codes)  # type: ignore[operator]


def suppression_comment(existing_line: str, code: str) -> str:
    """The text to append to a line to silence `code` there (merging an existing comment)."""
    m = _IGNORE.search(existing_line)
    if m and m.group(1):
        return f"{existing_line[: m.start()]}# gradguard: ignore[{m.group(1).strip()}, {code}]"
    if m:
        return existing_line
    return f"{existing_line.rstrip()}  # gradguard: ignore[{code}]"
