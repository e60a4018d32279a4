"""Who imports whom in a workspace, from a cheap import-only scan (no parse, no analysis):
the editor uses it to find the files whose calls make a helper unsafe, so that opening
`utils.py` shows the hazard `train.py`'s call causes even when `train.py` is not open.

Bounded: virtual environments, `node_modules`, build output and caches are skipped, at most
`max_files` files are read (the index says when it stopped short), files over 1 MB are
skipped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .resolver import ProjectModules
from .roots import find_project_root, source_roots

EXCLUDED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "env",
        ".env",
        "__pycache__",
        "node_modules",
        "build",
        "dist",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "site-packages",
        ".eggs",
        ".ipynb_checkpoints",
    }
)
MAX_INDEXED_BYTES = 1_000_000

_FROM = re.compile(r"^\s*from\s+(\.*[\w.]*)\s+import\s+\(?\s*([\w\s,*]*)")
_IMPORT = re.compile(r"^\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)")


def import_statements(text: str) -> list[tuple[str, int, list[str]]]:
    """(module, level, imported names) of each import statement (line-based: `import a.b`,
    `from ..x import y, z`; names continued over lines in parentheses are read too)."""
    out: list[tuple[str, int, list[str]]] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if "import" not in line:
            continue
        match = _FROM.match(line)
        if match:
            dots = len(match.group(1)) - len(match.group(1).lstrip("."))
            names_text = match.group(2)
            if "(" in line and ")" not in line:  # `from x import (a,\n b)`
                for more in lines[index + 1 : index + 50]:
                    names_text += " " + more.split(")")[0]
                    if ")" in more:
                        break
            names = [n.strip().split(" as ")[0] for n in names_text.split(",") if n.strip()]
            out.append((match.group(1).lstrip("."), dots, names))
            continue
        match = _IMPORT.match(line)
        if match:
            for part in match.group(1).split(","):
                out.append((part.strip().split()[0], 0, []))
    return out


@dataclass
class WorkspaceIndex:
    root: Path
    max_files: int = 5000
    importers: dict[str, set[str]] = field(default_factory=dict)  # module file -> importers
    files: int = 0
    truncated: bool = False

    def build(self) -> WorkspaceIndex:
        for path in self._python_files():
            if self.files >= self.max_files:
                self.truncated = True
                break
            self.files += 1
            self.update(path)
        return self

    def update(self, path: str) -> None:
        """(Re-)read one file's imports."""
        for importers in self.importers.values():
            importers.discard(path)
        try:
            if os.path.getsize(path) > MAX_INDEXED_BYTES:
                return
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            return
        project = find_project_root(Path(path)) or self.root
        loader = ProjectModules(path, source_roots(project))
        for module, level, names in import_statements(text):
            ref = loader.find(path, module, level)
            if ref is None:
                continue
            targets = [ref]
            targets += [sub for n in names if n != "*" and (sub := loader.submodule(ref, n))]
            for target in targets:
                if target.path is not None and target.path != path:
                    self.importers.setdefault(os.path.abspath(target.path), set()).add(path)

    def importers_of(self, path: str, limit: int = 32) -> list[str]:
        """Files importing `path`, directly or through other modules (nearest first)."""
        start = os.path.abspath(path)
        seen = {start}
        order: list[str] = []
        frontier = [start]
        while frontier and len(order) < limit:
            following: list[str] = []
            for one in frontier:
                for importer in sorted(self.importers.get(one, ())):
                    if importer not in seen:
                        seen.add(importer)
                        order.append(importer)
                        following.append(importer)
            frontier = following
        return order[:limit]

    def _python_files(self) -> list[str]:
        out: list[str] = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(
                d for d in dirs if d not in EXCLUDED_DIRS and not d.endswith(".egg-info")
            )
            out.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".py"))
            if len(out) > self.max_files:
                break
        return out
