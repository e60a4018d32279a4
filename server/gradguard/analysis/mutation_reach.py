"""Which top-level statements of a module can lead to a finding when analysed on their own.

Every hazard gradguard reports needs a write somewhere in the code that runs: an in-place
method or function (`x.add_()`, `nn.init.normal_(w)`), an augmented or subscript assignment,
`inplace=`/`out=` (or `inplace` given by position: `nn.ReLU(True)`), a write through `.data`
or `.numpy()`, an optimizer's `step()`, `.grad` read for a parameter update (GG009), or a
tensor made under `inference_mode`. A function analysed on its own (with unknown arguments)
whose text holds none of these, and which reaches no other definition of the module that
does, cannot report anything: its analysis is skipped. Over a large code base this is most
of the functions (accessors, data loading, model builders), and skipping them changed no
finding on any labelled case.

The scan is textual (a regular expression over each statement's lines, and the identifiers it
mentions for what it reaches), so it errs on the side of analysing: a match in a comment or a
string counts. Names bound to another project module's objects (when modules are followed)
count as reaching a write; the caller says which those are.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from collections.abc import Callable
from enum import Enum
from itertools import accumulate

from .write_receivers import may_write_tensor

# a write, or what makes one (see the module docstring), as separate patterns that each start
# with a literal or a small class of characters: one alternation of them all scans several
# times slower, as the engine can no longer skip ahead to a candidate position
_WRITE_WORDS = ("inplace", "inference_mode", "allow_mutation_on_saved_tensors", "__setitem__")
_CERTAIN_WRITES = (
    re.compile(r"[A-Za-z0-9]_\s*\("),  # an in-place method or function: `add_(`, `normal_(`
    re.compile(r"\.\s*(?:data|grad|numpy|step)\b"),  # .data, .grad, .numpy(), optimizer.step()
)
_RECEIVER_WRITES = (
    re.compile(r"[-+*/@%&|^]=(?!=)|<<=|>>="),  # augmented assignment
    re.compile(r"\]\s*=(?!=)|\]\s*,[^\n=]*=(?!=)"),  # subscript assignment, also unpacking
)
_GUARDED = (  # (a substring every match holds, the pattern): the pattern runs only if it is there
    ("out", re.compile(r"[(,]\s*out\s*=")),  # out=
    ("True", re.compile(r"[(,]\s*True\s*[,)]")),  # True by position: `nn.ReLU(True)`
    (
        "__i",
        re.compile(
            r"__i(?:add|sub|mul|matmul|truediv|floordiv|div|mod|pow|and|or|xor|lshift|rshift)__"
        ),
    ),
)


class WriteKind(Enum):
    NONE = 0
    # only augmented or subscript assignments: whether one writes a tensor depends on what
    # its receiver holds, which the syntax tree can often settle (`write_receivers`)
    RECEIVER = 1
    CERTAIN = 2  # an in-place call, `.data`, `inplace=`, a step...: a write whatever it holds


def write_kind(text: str) -> WriteKind:
    """The strongest kind of write `text` holds (a match in a comment counts)."""
    return WriteLines([text]).kind(1, 1)


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class WriteLines:
    """The kind of write each line of a module holds, from one scan of its whole text (a
    match over several lines marks each): the kind of any span of lines is then two
    lookups, where scanning each definition's text again cost a few percent of a check."""

    def __init__(self, lines: list[str]) -> None:
        text = "\n".join(lines)
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        certain = bytearray(len(lines) + 1)  # 1-based line numbers
        receiver = bytearray(len(lines) + 1)

        def mark(flags: bytearray, start: int, end: int) -> None:
            first = bisect_right(starts, start)
            last = bisect_right(starts, max(start, end - 1))
            flags[first : last + 1] = b"\x01" * (last + 1 - first)

        for word in _WRITE_WORDS:
            at = text.find(word)
            while at >= 0:
                mark(certain, at, at + len(word))
                at = text.find(word, at + 1)
        for pattern in _CERTAIN_WRITES:
            for match in pattern.finditer(text):
                mark(certain, match.start(), match.end())
        for word, pattern in _GUARDED:
            if word in text:
                for match in pattern.finditer(text):
                    mark(certain, match.start(), match.end())
        for pattern in _RECEIVER_WRITES:
            for match in pattern.finditer(text):
                mark(receiver, match.start(), match.end())
        self._certain = list(accumulate(certain))
        self._receiver = list(accumulate(receiver))

    def kind(self, first: int, last: int) -> WriteKind:
        """The strongest kind of write lines `first`..`last` (1-based, inclusive) hold."""
        last = min(last, len(self._certain) - 1)
        if first > last:
            return WriteKind.NONE
        if self._certain[last] - self._certain[first - 1]:
            return WriteKind.CERTAIN
        if self._receiver[last] - self._receiver[first - 1]:
            return WriteKind.RECEIVER
        return WriteKind.NONE


def _bound_names(stmt: ast.stmt) -> tuple[set[str], set[str]]:
    """Names a top-level statement binds (compound statements: what their bodies bind), and
    which of them by an import."""
    names: set[str] = set()
    imported: set[str] = set()
    stack: list[ast.stmt] = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                imported.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for field_name in ("body", "orelse", "finalbody"):
                stack.extend(getattr(node, field_name, ()) or ())
            for handler in getattr(node, "handlers", ()) or ():
                stack.extend(handler.body)
    return names, imported


class MutationReach:
    """Per top-level statement of one module: whether its code, or any definition of the
    module it names (transitively), holds a write. Each piece of text is scanned once."""

    def __init__(
        self, body: list[ast.stmt], lines: list[str], foreign: frozenset[str] = frozenset()
    ) -> None:
        self._body = body
        self._lines = lines
        self._writes = WriteLines(lines)
        self._binders: dict[str, list[int]] = {}
        imported: set[str] = set()
        for index, stmt in enumerate(body):
            names, from_imports = _bound_names(stmt)
            for name in names:
                self._binders.setdefault(name, []).append(index)
            imported |= from_imports
        # names bound to another project module's objects (modules followed): what they run
        # is not in this file's text, so they may write
        self._foreign = foreign & (imported | (foreign - self._binders.keys()))
        self._scans: dict[int, tuple[bool, frozenset[str]]] = {}  # id(node) -> write, words
        self._known: dict[int, bool] = {}
        self._classes: dict[int, _ClassText] = {}

    def _scan(self, node: ast.AST) -> tuple[bool, frozenset[str]]:
        """Whether the node's text holds a write; if not, the names it mentions. A class is
        scanned through its parts, whose answers its methods reuse."""
        found = self._scans.get(id(node))
        if found is not None:
            return found
        if isinstance(node, ast.ClassDef):
            words: set[str] = set()
            writes = False
            for part in (*node.decorator_list, *node.bases, *node.keywords, *node.body):
                part_writes, part_words = self._scan(part)
                if part_writes:
                    writes = True
                    break
                words |= part_words
            found = (True, frozenset()) if writes else (False, frozenset(words | {node.name}))
        else:
            first: int = getattr(node, "lineno", 1)
            for decorator in getattr(node, "decorator_list", ()):
                first = min(first, decorator.lineno)
            last: int = getattr(node, "end_lineno", None) or first
            kind = self._writes.kind(first, last)
            text = "" if kind is WriteKind.CERTAIN else "\n".join(self._lines[first - 1 : last])
            if kind is WriteKind.RECEIVER and not may_write_tensor(node, text):
                kind = WriteKind.NONE  # only counters, strings and containers made here
            found = (
                (True, frozenset())
                if kind is not WriteKind.NONE
                else (False, frozenset(_WORD.findall(text)))
            )
        self._scans[id(node)] = found
        return found

    def _names_write(self, words: frozenset[str] | set[str], index: int) -> bool:
        """Whether a module-level definition these names bind (other than statement
        `index` itself) may write, or one of them is another module's object."""
        if not words.isdisjoint(self._foreign):
            return True
        for word in words & self._binders.keys():
            if any(j != index and self.may_write(j) for j in self._binders[word]):
                return True
        return False

    def may_write(self, index: int) -> bool:
        """Whether analysing statement `index` on its own can meet a write: its own text, or
        that of any statement it names, transitively, holds one."""
        found = self._known.get(index)
        if found is not None:
            return found
        result = False
        seen = {index}
        todo = [index]
        while todo:
            current = todo.pop()
            writes, words = self._scan(self._body[current])
            if writes or self._known.get(current) or not words.isdisjoint(self._foreign):
                result = True
                break
            for word in words & self._binders.keys():
                for j in self._binders[word]:
                    if j not in seen:
                        seen.add(j)
                        todo.append(j)
        self._known[index] = result
        return result

    def function_may_write(
        self,
        index: int,
        func: ast.FunctionDef | ast.AsyncFunctionDef,
        owner: ast.ClassDef | None,
    ) -> bool:
        """Whether analysing `func` (of top-level statement `index`) on its own can meet a
        write. A method reads what its class's `__init__` and class body set up and may call
        the methods it names; a function, what it names at module level."""
        if not self.may_write(index):
            return False
        writes, words = self._scan(func)
        if writes:
            return True
        if owner is None:
            return self._names_write(words, index)
        cls = self._classes.get(id(owner))
        if cls is None:
            cls = self._classes[id(owner)] = _ClassText(owner, self._scan)
        if cls.writes:
            return True
        named = set(words) | cls.words
        todo = [name for name in named if name in cls.methods and name != func.name]
        taken = {func.name, *todo}
        while todo:
            method_writes, method_words = self._scan(cls.methods[todo.pop()])
            if method_writes:
                return True
            for name in method_words - named:
                named.add(name)
                if name in cls.methods and name not in taken:
                    taken.add(name)
                    todo.append(name)
        return self._names_write(named, index)


class _ClassText:
    """What every method of a class reads: its `__init__`, its class body, its bases and
    decorators (whether they write, and the names they mention), and its methods by name."""

    def __init__(
        self, owner: ast.ClassDef, scan: Callable[[ast.AST], tuple[bool, frozenset[str]]]
    ) -> None:
        self.methods: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        shared: list[ast.AST] = [*owner.bases, *owner.keywords, *owner.decorator_list]
        for stmt in owner.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.methods[stmt.name] = stmt
            else:
                shared.append(stmt)  # class attributes
        if "__init__" in self.methods:
            shared.append(self.methods["__init__"])
        self.writes = False
        words: set[str] = set()
        for node in shared:
            writes, found = scan(node)
            self.writes = self.writes or writes
            words |= found
        self.words = frozenset(words)
