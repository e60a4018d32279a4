"""Map AST positions (UTF-8 byte columns) to character spans and source snippets."""

from __future__ import annotations

import ast

from .findings import Span


class SourceMap:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def _col(self, line: int, byte_col: int) -> int:
        if not 1 <= line <= len(self.lines):
            return byte_col
        text = self.lines[line - 1]
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def span(self, node: ast.AST) -> Span:
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        end_line = getattr(node, "end_lineno", None) or line
        end_col = getattr(node, "end_col_offset", None)
        if end_col is None:
            end_col = col
        return Span(line, self._col(line, col), end_line, self._col(end_line, end_col))

    def segment(self, span: Span) -> str:
        if span.line == span.end_line:
            return (
                self.lines[span.line - 1][span.col : span.end_col]
                if span.line <= len(self.lines)
                else ""
            )
        parts = [self.lines[span.line - 1][span.col :]]
        parts.extend(self.lines[span.line : span.end_line - 1])
        parts.append(self.lines[span.end_line - 1][: span.end_col])
        return "\n".join(parts)

    def text(self, node: ast.AST | None, limit: int = 60) -> str:
        """Short one-line source of `node` for messages."""
        if node is None:
            return "?"
        try:
            raw = self.segment(self.span(node))
        except IndexError:
            raw = ""
        if not raw:
            try:
                raw = ast.unparse(node)
            except Exception:  # noqa: BLE001
                raw = "?"
        one = " ".join(raw.split())
        return one if len(one) <= limit else one[: limit - 3] + "..."

    def full_text(self, node: ast.AST) -> str:
        return self.segment(self.span(node))

    def indent_of(self, line: int) -> str:
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        return text[: len(text) - len(text.lstrip())]
