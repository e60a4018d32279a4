"""What the analysis reports: findings with their related locations and precomputed fixes.

Positions are 1-based lines and 0-based character (code point) columns, end exclusive; output
layers convert (the CLI prints 1-based columns, the LSP layer UTF-16 offsets).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace


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
    # the file, when it is not the one being checked: a finding, a related location or a fix
    # edit reached by following a call into another module of the project ("" = this file)
    path: str = ""


@dataclass(frozen=True)
class TextEdit:
    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[TextEdit, ...]
    # ruff's fix safety: a safe fix keeps what the code computes; an unsafe one changes it on
    # purpose (moving an optimizer step) and is applied only on request, never by fix-all
    safe: bool = True
    # a `with torch.no_grad():` wrap: (path, first line, last line, indentation) of what it
    # wraps, so that the wraps of adjacent statements can be joined into one block
    wraps: tuple[str, int, int, int] | None = None


@dataclass(frozen=True)
class Related:
    span: Span
    message: str
    # what the location is in the finding's story (analysis/story.py): save | backward |
    # returned | call | use (related locations), create | view | write (story facts only);
    # "" when it plays no part there
    role: str = ""
    op: str = ""  # the op at that location, when the story names it (`sigmoid`, `mul_`)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    span: Span
    message: str
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()
    # facts only the finding's story shows (where the tensor was created or viewed, every
    # write to a saved tensor in program order): not part of its identity
    story: tuple[Related, ...] = field(default=(), compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    def with_paths(self, where: Callable[[str], str]) -> Finding:
        """The same finding with every location's path mapped by `where` (used to restate a
        finding relative to another file: the one it is located in)."""

        def move(span: Span) -> Span:
            return replace(span, path=where(span.path))

        return replace(
            self,
            span=move(self.span),
            related=tuple(replace(r, span=move(r.span)) for r in self.related),
            story=tuple(replace(r, span=move(r.span)) for r in self.story),
            fixes=tuple(
                replace(f, edits=tuple(replace(e, span=move(e.span)) for e in f.edits))
                for f in self.fixes
            ),
        )

    @property
    def path(self) -> str:
        """The file the finding is in; "" for the file that was checked."""
        return self.span.path

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.col, self.code)


def most_severe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and place (the most severe of those reported there), sorted."""
    best: dict[tuple[str, Span], Finding] = {}
    for f in findings:
        key = (f.code, f.span)
        if key not in best or f.severity > best[key].severity:
            best[key] = f
    return sorted(best.values(), key=Finding.sort_key)


@dataclass
class Report:
    """Result of checking one source text."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)  # the project modules' files it read


# one recorded `Detector.emit` call: code, severity, span, message, related, fixes, story facts
# (the incremental analysis replays these)
Emit = tuple[
    str, Severity, Span, str, tuple[Related, ...], tuple[Fix | None, ...], tuple[Related, ...]
]
