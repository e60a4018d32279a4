"""`[tool.gradguard]` from the nearest pyproject.toml: select, ignore, exclude, jedi, src,
follow_imports, max_file_size."""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


DEFAULT_MAX_FILE_SIZE = 50_000_000  # bytes; generated code and data dumps reach tens of MB

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}


def parse_size(raw: object) -> int:
    """A size in bytes from `12000`, `"500k"`, `"50MB"` or `"1G"` (decimal units, as `ls -h
    --si` and disk makers count); ValueError for anything else."""
    if isinstance(raw, bool):
        raise ValueError(f"not a size: {raw!r}")
    if isinstance(raw, int):
        if raw < 0:
            raise ValueError(f"not a size: {raw!r}")
        return raw
    match = _SIZE.match(str(raw))
    if match is None:
        raise ValueError(f"not a size: {raw!r} (examples: 20000000, 500k, 50MB)")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


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
    # `gradguard check` reports a larger file as not checked (exit 2) instead of reading it
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


def find_pyproject(start: Path) -> Path | None:
    try:
        start = start.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the caller reports the path itself
        start = start.absolute()
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
        info = path.stat()
    except OSError:
        return Config()
    stamp = (str(path), info.st_mtime_ns, info.st_size)
    found = _LOADED.get(stamp[0])
    if found is not None and found[0] == stamp:
        return copy.deepcopy(found[1])  # a copy: callers may adjust theirs
    config = _read_config(path)
    _LOADED[stamp[0]] = (stamp, config)
    return copy.deepcopy(config)


# the parsed `[tool.gradguard]` of each pyproject.toml while the file is unchanged: a run
# over a tree asks once per checked file (tomllib cost 1 ms a file on a 2,000-file corpus)
_LOADED: dict[str, tuple[tuple[str, int, int], Config]] = {}


def _read_config(path: Path) -> Config:
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

    try:
        max_file_size = parse_size(section.get("max_file_size", DEFAULT_MAX_FILE_SIZE))
    except ValueError:
        max_file_size = DEFAULT_MAX_FILE_SIZE
    exclude = section.get("exclude", [])
    src = section.get("src", [])
    return Config(
        src=[str(e) for e in (src if isinstance(src, list) else [src])],
        select=codes("select"),
        ignore=codes("ignore"),
        exclude=[str(e) for e in (exclude if isinstance(exclude, list) else [exclude])],
        jedi=bool(section.get("jedi", True)),
        follow_imports=bool(section.get("follow_imports", True)),
        max_file_size=max_file_size,
        source=source,
    )
