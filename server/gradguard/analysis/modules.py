"""The user's other modules, as the analysis sees them: what an import refers to (asked of a
`ModuleLoader`, which knows the file system), each module's parse (cached by content), and the
scope one module's code runs in (its text, imports and global variables).

Pure: the analysis never opens a file itself; `gradguard.project` implements the loader over
the disk and the editor's unsaved documents.
"""

from __future__ import annotations

import ast
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Protocol

from .imports import ImportMap
from .parsing import parse_source
from .spans import SourceMap


@dataclass(frozen=True)
class ModuleRef:
    """A module of the user's project: `path` is its file (`__init__.py` for a regular
    package), None for a namespace package; `dirs` are where a package's submodules live."""

    name: str
    path: str | None
    dirs: tuple[str, ...] = ()

    @property
    def is_package(self) -> bool:
        return bool(self.dirs)


class ModuleLoader(Protocol):
    """Finds and reads the project's modules for one analysis (the checked file's view)."""

    def find(self, importer: str, name: str, level: int) -> ModuleRef | None:
        """The module `name` imported from the file `importer` (`level` leading dots), or
        None when it is not a module of the project (site-packages, stdlib, missing)."""

    def submodule(self, package: ModuleRef, name: str) -> ModuleRef | None:
        """`package.name` when it is a module or package of its own."""

    def read(self, path: str) -> str | None:
        """The module's current text (an open editor's unsaved text before the disk's)."""

    def stamp(self, path: str) -> str | None:
        """Changes whenever the module's text does (cheaper than reading it: the file's
        size and modification time on disk); None when it cannot be read."""

    def locate(self, importer: str, path: str) -> ModuleRef | None:
        """A Python file of the project named by a path, as `runpy.run_path(path)` or a config
        loader reads it: absolute, or relative to the project root (where scripts are run
        from) or to the importing file's directory; None when it is not there."""


@dataclass(frozen=True)
class ParsedModule:
    tree: ast.Module
    lines: list[str]
    imports: ImportMap  # shared: callers that add names (star imports) take a copy
    problems: tuple[str, ...] = ()  # lines skipped to get past a syntax error


# one parse per file (its latest text): an edited file replaces its old tree rather than
# piling up versions; a batch run parses each file once, whether it is checked or imported
_PARSED: OrderedDict[str, tuple[str, ParsedModule]] = OrderedDict()
_PARSED_LIMIT = 4096
_PARSED_LOCK = threading.Lock()


def parse_module(path: str, text: str) -> ParsedModule | None:
    """The module's parse, reused while its text is unchanged (keyed by a content hash)."""
    key = content_key(text)
    with _PARSED_LOCK:
        found = _PARSED.get(path)
        if found is not None and found[0] == key:
            _PARSED.move_to_end(path)
            return found[1]
    parsed = parse_source(text)
    if parsed.tree is None:
        return None
    imports = ImportMap(parsed.tree, parsed.lines)
    result = ParsedModule(parsed.tree, parsed.lines, imports, tuple(parsed.problems))
    with _PARSED_LOCK:
        _PARSED[path] = (key, result)
        _PARSED.move_to_end(path)
        while len(_PARSED) > _PARSED_LIMIT:
            _PARSED.popitem(last=False)
    return result


def forget_parses() -> None:
    """Drop every kept parse (a benchmark's next cold round; memory back after a batch)."""
    with _PARSED_LOCK:
        _PARSED.clear()


def content_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(eq=False)
class ModuleScope:
    """One module during one analysis: its code, its own import names (a copy: star imports
    of project modules add to it) and its global variables once its top level has run."""

    ref: ModuleRef | None  # None: the checked file
    path: str  # "" for the checked file (its spans carry no path)
    tree: ast.Module | None
    src: SourceMap
    imports: ImportMap
    env: dict[str, object] = field(default_factory=dict)
    loaded: bool = False  # its top level has run (or is running: a circular import)
    text_key: str = ""

    @property
    def tag(self) -> tuple[str, ...]:
        """Told apart in allocation sites: two modules have code at the same positions."""
        return (self.path,) if self.path else ()

    def public_names(self) -> list[str]:
        """What `from m import *` binds: `__all__` when it is a literal, else names without
        a leading underscore."""
        if self.tree is not None:
            for stmt in self.tree.body:
                if (
                    isinstance(stmt, (ast.Assign, ast.AnnAssign))
                    and any(
                        isinstance(t, ast.Name) and t.id == "__all__"
                        for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
                    )
                    and isinstance(stmt.value, (ast.List, ast.Tuple))
                ):
                    names = [
                        e.value
                        for e in stmt.value.elts
                        if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    ]
                    return names
        names = [n for n in self.env if not n.startswith("_") and "." not in n]
        names += [n for n in self.imports.names if not n.startswith("_") and n not in self.env]
        return names


def strip_main_guard(body: list[ast.stmt]) -> list[ast.stmt]:
    """An imported module's top level without its `if __name__ == "__main__":` blocks."""
    return [s for s in body if not _is_main_guard(s)]


def _is_main_guard(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.If) or not isinstance(stmt.test, ast.Compare):
        return False
    parts = [stmt.test.left, *stmt.test.comparators]
    names = {p.id for p in parts if isinstance(p, ast.Name)}
    consts = {p.value for p in parts if isinstance(p, ast.Constant)}
    return "__name__" in names and "__main__" in consts
