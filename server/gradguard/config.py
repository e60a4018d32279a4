"""`[tool.gradguard]` from the nearest pyproject.toml: select, ignore, exclude, jedi, src."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] | None = None
    exclude: list[str] = field(default_factory=list)
    jedi: bool = True  # cross-module inference at in-place sites local inference cannot type
    source: Path | None = None
    # extra import roots of the project, relative to the pyproject.toml (ruff's `src`)
    src: list[str] = field(default_factory=list)
    # follow calls into the project's own modules (False: each file on its own)
    follow_imports: bool = True


def find_pyproject(start: Path) -> Path | None:
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else [*start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path) -> Config:
    path = find_pyproject(start)
    if path is None:
        return Config()
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return Config()
    section = data.get("tool", {}).get("gradguard", {})
    if not isinstance(section, dict):
        return Config()
    return config_from_mapping(section, path)


def config_from_mapping(section: dict[str, Any], source: Path | None = None) -> Config:
    def codes(key: str) -> list[str] | None:
        raw = section.get(key)
        if raw is None:
            return None
        items = [raw] if isinstance(raw, str) else list(raw)
        return [str(c).strip().upper() for c in items if str(c).strip()]

    exclude = section.get("exclude", [])
    src = section.get("src", [])
    return Config(
        src=[str(e) for e in (src if isinstance(src, list) else [src])],
        select=codes("select"),
        ignore=codes("ignore"),
        exclude=[str(e) for e in (exclude if isinstance(exclude, list) else [exclude])],
        jedi=bool(section.get("jedi", True)),
        follow_imports=bool(section.get("follow_imports", True)),
        source=source,
    )
