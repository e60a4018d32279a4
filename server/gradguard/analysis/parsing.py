"""Turn source bytes/text into an AST without going blind on errors.

While the user types, a file is often not valid Python. Instead of giving up, lines that fail to
parse are blanked (keeping line numbers) until the rest parses, so every other line still gets
diagnostics; what was skipped is reported as a problem.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from dataclasses import dataclass, field
from itertools import pairwise

MAX_SOURCE_CHARS = 5_000_000
_MAX_REPAIRS = 40


@dataclass
class Parsed:
    tree: ast.Module | None
    lines: list[str]
    problems: list[str] = field(default_factory=list)
    skipped_lines: set[int] = field(default_factory=set)


def decode_source(data: bytes) -> tuple[str, str | None]:
    """Decode like Python does (BOM, coding cookie); never raise."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"
    try:
        return data.decode(encoding).removeprefix("\ufeff"), None
    except (UnicodeDecodeError, LookupError):
        text = data.decode("utf-8", errors="replace")
        return text, f"not valid {encoding}: undecodable bytes were replaced"


def _parse(text: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences etc. are not our business
        return ast.parse(text)


_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as Python's tokenizer counts them (only CR, LF and CRLF end a line)."""
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def parse_source(text: str) -> Parsed:
    lines = split_lines(text)
    if len(text) > MAX_SOURCE_CHARS:
        return Parsed(None, lines, [f"file too large to analyse ({len(text):,} characters)"])
    if "\x00" in text:
        return Parsed(None, lines, ["file contains NUL bytes: not Python source"])
    try:
        return Parsed(_parse(text), lines)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        first_error = exc
    work = list(lines)
    skipped: set[int] = set()
    err: BaseException = first_error
    for _ in range(_MAX_REPAIRS):
        lineno = getattr(err, "lineno", None)
        if not lineno or lineno > len(work) or lineno in skipped:
            break
        skipped.add(lineno)
        work[lineno - 1] = ""
        try:
            tree = _parse("\n".join(work))
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            err = exc
            continue
        return Parsed(tree, lines, [_describe(first_error, skipped)], skipped)
    fallback = _parse_top_level_chunks(lines, skipped)
    return Parsed(fallback, lines, [_describe(first_error, skipped)], skipped)


def _describe(exc: BaseException, skipped: set[int]) -> str:
    where = getattr(exc, "lineno", None)
    msg = getattr(exc, "msg", None) or str(exc)
    lines = ", ".join(str(n) for n in sorted(skipped)[:10])
    more = "" if len(skipped) <= 10 else f" and {len(skipped) - 10} more"
    return f"syntax error at line {where}: {msg}; analysed the rest (skipped lines {lines}{more})"


_TOP_LEVEL = re.compile(r"^[^\s#]")


def _parse_top_level_chunks(lines: list[str], skipped: set[int]) -> ast.Module | None:
    """Fallback: keep each top-level statement group that parses on its own."""
    starts = [i for i, line in enumerate(lines) if _TOP_LEVEL.match(line)] + [len(lines)]
    keep = [""] * len(lines)
    for a, b in pairwise(starts):
        chunk = lines[a:b]
        try:
            _parse("\n".join(chunk))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            skipped.update(range(a + 1, b + 1))
            continue
        keep[a:b] = chunk
    try:
        return _parse("\n".join(keep))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


_CELL = re.compile(r"^#\s*%%")


def is_cell_marker(line: str) -> bool:
    """Whether the line starts a `# %%` cell (as VS Code, Spyder and Jupytext read them)."""
    return _CELL.match(line) is not None


def cell_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """1-based inclusive line ranges of `# %%` cells (the whole file when there are none)."""
    starts = [i + 1 for i, line in enumerate(lines) if _CELL.match(line)]
    if not starts:
        return [(1, max(len(lines), 1))]
    if starts[0] != 1:
        starts.insert(0, 1)
    bounds = [*starts, len(lines) + 1]
    return [(a, b - 1) for a, b in pairwise(bounds) if b - 1 >= a]
