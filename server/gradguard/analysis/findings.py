"""What the analysis reports: findings with their related locations and precomputed fixes.

Positions are 1-based lines and 0-based character (code point) columns, end exclusive; output
layers convert (the CLI prints 1-based columns, the LSP layer UTF-16 offsets).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that `max()` picks the most severe."""

    HINT = 1
    INFORMATION = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Span:
    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True)
class TextEdit:
    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    span: Span
    message: str
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()

    @property
    def line(self) -> int:
        return self.span.line

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.col, self.code)


@dataclass
class Report:
    """Result of checking one source text."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
