"""Where a project starts and which directories its absolute imports are searched in.

The root is the nearest directory holding `pyproject.toml`, `setup.py`, `setup.cfg` or `.git`
(the markers ruff and pyright use). Its top-level modules live in the root itself, in `src/`
when that layout is used, and in the directories `[tool.gradguard] src = [...]` names
(relative to the `pyproject.toml`, like ruff's `src`).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")


def find_project_root(start: Path) -> Path | None:
    """The nearest enclosing directory with a project marker (None: no project)."""
    folder = start if start.is_dir() else start.parent
    folder = Path(os.path.abspath(folder))
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return None


def source_roots(root: Path | None, configured: list[str] | None = None) -> list[Path]:
    """The project's import roots, in search order: the directories `src` names (relative
    to the root), then the root itself and its `src/`."""
    if root is None:
        return []
    roots = [Path(os.path.normpath(root / entry)) for entry in configured or []]
    roots += [root, root / "src"]
    out: list[Path] = []
    for folder in roots:
        if folder.is_dir() and folder not in out:
            out.append(folder)
    return out
