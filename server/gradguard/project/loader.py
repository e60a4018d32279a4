"""The module loader for one checked file: its project's root and import roots, from the
file's location and `[tool.gradguard] src`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..config import load_config
from .resolver import ProjectModules
from .roots import find_project_root, source_roots


def loader_for(
    path: str | Path,
    src: list[str] | None = None,
    overlay: Mapping[str, str] | None = None,
    root: Path | None = None,
) -> ProjectModules:
    """`src` None: read it from the nearest `pyproject.toml`. `root` overrides the search
    for the project root (an editor's workspace folder)."""
    file = Path(path)
    if root is None:
        root = find_project_root(file)
    if src is None:
        config = load_config(file)
        src = config.src
        if config.source is not None and root is not None and config.source.parent != root:
            # `src` is relative to the pyproject.toml that says it
            src = [str(config.source.parent / s) for s in src]
    return ProjectModules(file, source_roots(root, src), overlay, root=root)
