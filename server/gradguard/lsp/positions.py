"""Line splitting and column conversion between code points and the client's position encoding.

The engine reports columns in code points; LSP clients count UTF-16 code units unless another
encoding was negotiated. Lines end only at CR, LF and CRLF, as in both LSP and Python's
tokenizer (str.splitlines would also split at form feeds, U+2028 and others).
"""

from __future__ import annotations

import re
from typing import Literal

Encoding = Literal["utf-8", "utf-16", "utf-32"]

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def encoding_from(value: object) -> Encoding:
    """The negotiated encoding as one of our three names (UTF-16 when unknown)."""
    raw = getattr(value, "value", value)
    if raw == "utf-8":
        return "utf-8"
    if raw == "utf-32":
        return "utf-32"
    return "utf-16"


def split_lines(text: str) -> list[str]:
    """Lines without their line breaks; a final line break does not start another line."""
    lines = LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def line_starts(text: str) -> list[int]:
    """Code-point offset at which each line starts (the text after a final break included)."""
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def _units(char: str, encoding: Encoding) -> int:
    point = ord(char)
    if encoding == "utf-16":
        return 2 if point > 0xFFFF else 1
    if encoding == "utf-8":
        if point < 0x80:
            return 1
        if point < 0x800:
            return 2
        return 3 if point < 0x10000 else 4
    return 1


def to_client_column(line: str, column: int, encoding: Encoding) -> int:
    """Code-point column -> the client's units (clamped to the line)."""
    column = max(0, min(column, len(line)))
    prefix = line[:column]
    if encoding == "utf-32" or prefix.isascii():
        return column
    return sum(_units(char, encoding) for char in prefix)


def from_client_column(line: str, units: int, encoding: Encoding) -> int:
    """The client's units -> code-point column, clamped to the line as LSP asks.

    A position inside a multi-unit character rounds down to that character's start.
    """
    if units <= 0:
        return 0
    if encoding == "utf-32" or line.isascii():
        return min(units, len(line))
    seen = 0
    for index, char in enumerate(line):
        seen += _units(char, encoding)
        if seen > units:
            return index
    return len(line)
