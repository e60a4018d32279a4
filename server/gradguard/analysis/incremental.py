"""Reuse the analysis of unchanged top-level definitions from one run to the next.

Why: in the editor, one keystroke changes one function of a 5,000-line file, yet a full run
re-analyses every function on its own (that is ~80% of the time). Each top-level statement that
holds functions is a *unit*; what analysing its functions reported (the detector's `emit`
calls, in order) is recorded with what it depended on, and replayed next time when none of
that changed:

- its own text, and the text of every top-level statement whose functions it ran (inlined);
- for each module-level name it read: the statements that mention the name at module level
  (their text, and the functions the module body ran while executing them), and for a
  function or class of that name its *skeleton* (the text without function bodies: what the
  module body evaluates when it defines it); the file's imports always.

A unit that changed an object made before it started (a module-level model, another unit's
instance, a global list) is never recorded: later units may have seen the change. Positions
move with their statement: each line a recorded finding mentions (spans, related locations,
fix edits, "line N" in messages) is stored relative to its top-level statement and moved to
where that statement is now; if it is gone, the unit runs again.

This is an optimisation with a safety net, not a second semantics: the language server follows
every incremental result with a full analysis once typing pauses, and the test suite checks
that incremental and full results agree over many random edits.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .findings import Emit, Fix, Related, Span, TextEdit

Key = tuple[str, str, int]  # (kind "full" | "skel", text, occurrence of that text)

_LINE_REF = re.compile(r"\bline (\d+)")
_GLOBAL = re.compile(r"\s*global\s")


def _first_line(stmt: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(stmt, "decorator_list", None) or []
    return min([stmt.lineno, *(d.lineno for d in decorators)])


class Layout:
    """The top-level statements of one parse: where each is and its identity (its text)."""

    def __init__(self, body: list[ast.stmt], lines: list[str]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.keys: list[Key] = []
        self.skeletons: list[Key | None] = []
        seen: dict[tuple[str, str], int] = {}
        for stmt in body:
            start, end = _first_line(stmt), stmt.end_lineno or stmt.lineno
            text = "\n".join(lines[start - 1 : end])
            self.starts.append(start)
            self.ends.append(end)
            self.keys.append(_numbered(seen, "full", text))
            skeleton = _skeleton(stmt, lines, start, end)
            self.skeletons.append(None if skeleton is None else _numbered(seen, "skel", skeleton))
        self.index = {key: i for i, key in enumerate(self.keys)}
        self.present: frozenset[Key] = frozenset(
            [*self.keys, *(s for s in self.skeletons if s is not None)]
        )
        # a `global` statement anywhere: functions may rebind module names
        self.has_global = any(_GLOBAL.match(line) for line in lines)

    def top_index(self, line: int) -> int | None:
        """The top-level statement holding `line`."""
        i = bisect.bisect_right(self.starts, line) - 1
        if i >= 0 and line <= self.ends[i]:
            return i
        return None

    def anchor(self, line: int) -> tuple[Key, int] | None:
        i = self.top_index(line)
        return None if i is None else (self.keys[i], line - self.starts[i])

    def line_at(self, anchor: tuple[Key, int]) -> int | None:
        i = self.index.get(anchor[0])
        return None if i is None else self.starts[i] + anchor[1]


def _numbered(seen: dict[tuple[str, str], int], kind: str, text: str) -> Key:
    n = seen.get((kind, text), 0)
    seen[(kind, text)] = n + 1
    return (kind, text, n)


def _skeleton(stmt: ast.stmt, lines: list[str], start: int, end: int) -> str | None:
    """A def/class without its function bodies (None for other statements)."""
    if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return None
    hidden: list[tuple[int, int]] = []
    todo: list[ast.stmt] = [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0].lineno
            if first > node.lineno:
                hidden.append((first, node.end_lineno or first))
                continue
        if isinstance(node, ast.ClassDef):
            todo.extend(node.body)
    kept = [lines[n - 1] for n in range(start, end + 1) if not any(a <= n <= b for a, b in hidden)]
    return "\n".join(kept)


@dataclass
class ModuleFacts:
    """What the module body did, statement by statement, as units' dependencies see it."""

    layout: Layout
    mentions: dict[str, set[int]] = field(default_factory=dict)  # name -> top-level statements
    entered: dict[int, set[int]] = field(default_factory=dict)  # statement -> units it ran
    imports: set[int] = field(default_factory=set)

    @property
    def has_global(self) -> bool:
        return self.layout.has_global

    @classmethod
    def scan(cls, tree: ast.Module, layout: Layout) -> ModuleFacts:
        facts = cls(layout)
        for i, stmt in enumerate(tree.body):
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                facts.mentions.setdefault(stmt.name, set()).add(i)
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Name):
                    facts.mentions.setdefault(node.id, set()).add(i)
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    facts.imports.add(i)
                    for alias in node.names:
                        bound = alias.asname or alias.name.split(".")[0]
                        facts.mentions.setdefault(bound, set()).add(i)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    facts.mentions.setdefault(node.name, set()).add(i)
        return facts

    def name_deps(self, name: str) -> set[Key]:
        deps: set[Key] = set()
        for i in self.mentions.get(name, ()):
            skeleton = self.layout.skeletons[i]
            deps.add(skeleton if skeleton is not None else self.layout.keys[i])
            deps.update(self.layout.keys[j] for j in self.entered.get(i, ()))
        return deps


@dataclass
class UnitRecorder:
    """Collects what one unit's analysis did while it runs."""

    index: int
    first_serial: int
    statements_before: int
    emits: list[Emit] = field(default_factory=list)
    entered: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    impure: bool = False
    problems_before: int = 0


@dataclass(frozen=True)
class UnitRecord:
    layout: Layout  # the positions its lines were recorded in
    deps: frozenset[Key]
    emits: tuple[Emit, ...]
    statements: int
    # per function of the unit: was the caller's grad mode unknown (its errors warnings)?
    caller_decides: tuple[bool, ...] = ()


class AnalysisCache:
    """The recorded units of one document's previous analyses (hand the same object to each
    analysis of that document). Counts hits and misses for benchmarks and tests."""

    def __init__(self) -> None:
        self.records: dict[Key, UnitRecord] = {}
        self.hits = 0
        self.misses = 0
        self.modules: frozenset[tuple[str, str]] = frozenset()

    def depend_on_modules(self, modules: frozenset[tuple[str, str]]) -> None:
        """The project modules (path, content key) the module body imported this time: when
        any differs from last time, no recorded unit can be trusted."""
        if modules != self.modules:
            self.records.clear()
            self.modules = modules

    def lookup(self, layout: Layout, index: int) -> UnitRecord | None:
        record = self.records.get(layout.keys[index])
        if record is None:
            return None
        if not record.deps <= layout.present:
            return None
        return record

    def store(self, layout: Layout, index: int, record: UnitRecord) -> None:
        self.records[layout.keys[index]] = record

    def keep_only(self, layout: Layout) -> None:
        """Forget units that are no longer in the file (bounds the cache by the file)."""
        alive = set(layout.keys)
        for key in [k for k in self.records if k not in alive]:
            del self.records[key]


def unit_deps(recorder: UnitRecorder, facts: ModuleFacts) -> frozenset[Key]:
    layout = facts.layout
    deps: set[Key] = {layout.keys[recorder.index]}
    deps.update(layout.keys[i] for i in recorder.entered)
    deps.update(layout.keys[i] for i in facts.imports)
    for name in recorder.names:
        deps |= facts.name_deps(name)
    return frozenset(deps)


class Mover:
    """Moves recorded positions from the layout they were recorded in to the current one."""

    def __init__(self, old: Layout, new: Layout) -> None:
        self.old = old
        self.new = new
        self.failed = False

    def line(self, line: int) -> int:
        anchor = self.old.anchor(line)
        moved = None if anchor is None else self.new.line_at(anchor)
        if moved is None:
            self.failed = True
            return line
        return moved

    def span(self, span: Span) -> Span:
        return Span(
            self.line(span.line), span.col, self.line(span.end_line), span.end_col, span.path
        )

    def text(self, text: str) -> str:
        return _LINE_REF.sub(lambda m: f"line {self._mentioned(int(m.group(1)))}", text)

    def _mentioned(self, line: int) -> int:
        anchor = self.old.anchor(line)
        moved = None if anchor is None else self.new.line_at(anchor)
        return line if moved is None else moved

    def emit(self, emit: Emit) -> Emit:
        code, severity, span, message, related, fixes, story = emit
        return (
            code,
            severity,
            self.span(span),
            self.text(message),
            tuple(self.related(r) for r in related),
            tuple(None if f is None else self.fix(f) for f in fixes),
            tuple(self.related(r) for r in story),
        )

    def related(self, related: Related) -> Related:
        return replace(related, span=self.span(related.span), message=self.text(related.message))

    def fix(self, fix: Fix) -> Fix:
        wraps = fix.wraps
        if wraps is not None:
            wraps = (wraps[0], self.line(wraps[1]), self.line(wraps[2]), wraps[3])
        return replace(
            fix,
            title=self.text(fix.title),
            edits=tuple(TextEdit(self.span(e.span), e.new_text) for e in fix.edits),
            wraps=wraps,
        )


def replay(record: UnitRecord, layout: Layout, emit: Callable[..., None]) -> bool:
    """Re-emit a recorded unit's findings at their current positions; False when a position
    cannot be placed (then nothing was emitted)."""
    if record.layout is layout:
        moved: Iterable[Emit] = record.emits
    else:
        mover = Mover(record.layout, layout)
        moved = [mover.emit(e) for e in record.emits]
        if mover.failed:
            return False
    for args in moved:
        emit(*args)
    return True
