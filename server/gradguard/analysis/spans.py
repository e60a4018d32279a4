"""Map AST positions (UTF-8 byte columns) to character spans and source snippets."""

from __future__ import annotations

import ast
import io
import tokenize

from .findings import Span

# the attribute that marks a node kept for later use (a layer's constructor call) with the
# path of the module it is in ("" for the checked file): measured against that module's text
# whichever module's code asks; a node without it is measured by the map asked
PATH_ATTR = "_gradguard_path"


class SourceMap:
    def __init__(
        self, lines: list[str], path: str = "", registry: dict[str, SourceMap] | None = None
    ) -> None:
        """`path`: "" for the file being checked, else the file of an imported module (its
        spans carry it, so findings and fixes reached across modules say where they are).
        `registry` holds the source maps of every module of one analysis: a node of another
        module is measured against its own text, whichever map is asked."""
        self.lines = lines
        self.path = path
        self.registry = registry if registry is not None else {}
        self.registry[path] = self
        self._spans: dict[ast.AST, Span] = {}  # asked again at every run of the code

    def forget_spans(self) -> None:
        """Drop the measured spans (and with them the syntax nodes they are keyed by)."""
        self._spans.clear()

    def _owner(self, node: ast.AST) -> SourceMap:
        path = getattr(node, PATH_ATTR, None)
        if path is None or path == self.path:
            return self
        return self.registry.get(path, self)

    def _col(self, line: int, byte_col: int) -> int:
        if not 1 <= line <= len(self.lines):
            return byte_col
        text = self.lines[line - 1]
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def span(self, node: ast.AST) -> Span:
        known = self._spans.get(node)
        if known is not None:
            return known
        owner = self._owner(node)
        if owner is not self:
            return owner.span(node)
        found = self._measure(node)
        self._spans[node] = found
        return found

    def _measure(self, node: ast.AST) -> Span:
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        end_line = getattr(node, "end_lineno", None) or line
        end_col = getattr(node, "end_col_offset", None)
        if end_col is None:
            end_col = col
        return Span(line, self._col(line, col), end_line, self._col(end_line, end_col), self.path)

    def segment(self, span: Span) -> str:
        if span.path != self.path and span.path in self.registry:
            return self.registry[span.path].segment(span)
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
        owner = self._owner(node)
        if owner is not self:
            return owner.text(node, limit)
        try:
            raw = self.segment(self.span(node))
        except IndexError:
            raw = ""
        if not raw:
            try:
                raw = ast.unparse(node)
            except Exception:  # noqa: BLE001
                raw = "?"
        if "\n" in raw and "#" in raw:
            raw = _without_comments(raw)
        one = " ".join(raw.split())
        return one if len(one) <= limit else one[: limit - 3] + "..."

    def full_text(self, node: ast.AST) -> str:
        return self.segment(self.span(node))

    def indent_of(self, line: int) -> str:
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        return text[: len(text) - len(text.lstrip())]


def _without_comments(text: str) -> str:
    """A multi-line piece of code without its comments (they would run into the code when the
    lines are joined into one)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return text
    lines = text.splitlines()
    for tok in reversed(tokens):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            lines[row - 1] = lines[row - 1][:col].rstrip()
    return "\n".join(lines)
