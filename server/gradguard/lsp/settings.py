"""Client settings merged with `[tool.gradguard]` from the nearest pyproject.toml.

Precedence, key by key: a setting the client sends (initializationOptions or
workspace/didChangeConfiguration) wins over the pyproject.toml value, which wins over the
default. `severity` and the editor-only keys (`lintOnChange`, `debounceMs`, `workerMemoryMb`,
`fixAll.unsafe`) exist only as client settings. Bad values are reported and ignored, never fatal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analysis import Severity
from ..config import Config, find_pyproject, load_config
from .memory import DEFAULT_WORKER_MEMORY_MB

SEVERITY_NAMES = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "information": Severity.INFORMATION,
    "info": Severity.INFORMATION,
    "hint": Severity.HINT,
}
DEFAULT_DEBOUNCE_MS = 25
SECTION = "gradguard"
# `verify` belongs to the editor's Verify command, which shares the settings section
KNOWN_KEYS = frozenset(
    {
        "select",
        "ignore",
        "severity",
        "jedi",
        "lintOnChange",
        "debounceMs",
        "verify",
        "workerMemoryMb",
        "fixAll",
    }
)
WORKER_MEMORY_RANGE_MB = (64, 1 << 20)


@dataclass(frozen=True)
class ClientSettings:
    """What the editor asked for; None means 'not set here'."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: tuple[tuple[str, Severity], ...] = ()  # code or prefix -> severity
    jedi: bool | None = None
    lint_on_change: bool = True
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    worker_memory_mb: int = DEFAULT_WORKER_MEMORY_MB  # an idle worker past it is recycled
    fix_all_unsafe: bool = False  # fix-all also applies fixes that change what the code computes


@dataclass(frozen=True)
class DocumentSettings:
    """The settings one analysis runs with."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    jedi: bool
    excluded: bool
    severity: tuple[tuple[str, Severity], ...] = ()

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The override with the longest prefix of `code`, else the engine's severity."""
        best: tuple[int, Severity] | None = None
        for prefix, severity in self.severity:
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), severity)
        return default if best is None else best[1]


def settings_section(raw: object) -> Mapping[str, Any] | None:
    """The gradguard settings in a payload: `{"gradguard": {...}}` or the section itself."""
    if not isinstance(raw, Mapping):
        return None
    nested = raw.get(SECTION)
    if isinstance(nested, Mapping):
        return nested
    return raw if raw else None


def parse_client_settings(raw: Mapping[str, Any]) -> tuple[ClientSettings, list[str]]:
    """Settings from a client payload, and a message for every value that was ignored."""
    problems = [f"unknown setting `{key}`; ignored" for key in raw if key not in KNOWN_KEYS]

    def codes(key: str) -> tuple[str, ...] | None:
        value = raw.get(key)
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.append(f"`{key}` must be a list of rule codes; ignored")
            return None
        return tuple(c.strip().upper() for item in items for c in item.split(",") if c.strip())

    def flag(key: str) -> bool | None:
        value = raw.get(key)
        if value is None or isinstance(value, bool):
            return value
        problems.append(f"`{key}` must be true or false; ignored")
        return None

    severity: list[tuple[str, Severity]] = []
    overrides = raw.get("severity")
    if overrides is None:  # VS Code sends null for settings left unset
        overrides = {}
    if isinstance(overrides, Mapping):
        for code, name in overrides.items():
            level = SEVERITY_NAMES.get(str(name).lower())
            if level is None:
                problems.append(
                    f"severity {name!r} for {code} is not one of {list(SEVERITY_NAMES)}"
                )
                continue
            severity.append((str(code).strip().upper(), level))
    else:
        problems.append("`severity` must map rule codes to error/warning/information/hint")

    debounce = raw.get("debounceMs")
    if debounce is None:
        debounce = DEFAULT_DEBOUNCE_MS
    if isinstance(debounce, bool) or not isinstance(debounce, int) or not 0 <= debounce <= 10_000:
        problems.append("`debounceMs` must be an integer from 0 to 10000; ignored")
        debounce = DEFAULT_DEBOUNCE_MS
    lint_on_change = flag("lintOnChange")
    memory = raw.get("workerMemoryMb")
    low, high = WORKER_MEMORY_RANGE_MB
    if memory is None:
        memory = DEFAULT_WORKER_MEMORY_MB
    if isinstance(memory, bool) or not isinstance(memory, int) or not low <= memory <= high:
        problems.append(f"`workerMemoryMb` must be an integer from {low} to {high}; ignored")
        memory = DEFAULT_WORKER_MEMORY_MB
    fix_all_unsafe = _fix_all_unsafe(raw.get("fixAll"), problems)
    settings = ClientSettings(
        select=codes("select"),
        ignore=codes("ignore"),
        severity=tuple(severity),
        jedi=flag("jedi"),
        lint_on_change=True if lint_on_change is None else lint_on_change,
        debounce_ms=debounce,
        worker_memory_mb=memory,
        fix_all_unsafe=fix_all_unsafe,
    )
    return settings, problems


def _fix_all_unsafe(section: object, problems: list[str]) -> bool:
    """`fixAll.unsafe`, sent nested (`{"fixAll": {"unsafe": true}}`) as VS Code sends it."""
    if section is None:
        return False
    if isinstance(section, Mapping):
        value = section.get("unsafe")
        if value is None or isinstance(value, bool):
            return bool(value)
    problems.append("`fixAll.unsafe` must be true or false; ignored")
    return False


class SettingsResolver:
    """Client settings plus pyproject.toml, per document; a pyproject is re-read when it changes."""

    def __init__(self, client: ClientSettings | None = None) -> None:
        self.client = client or ClientSettings()
        self._pyproject_cache: dict[Path, tuple[tuple[int, int], Config]] = {}

    def for_path(self, path: Path | None) -> DocumentSettings:
        config = self._project_config(path)
        client = self.client
        return DocumentSettings(
            select=client.select if client.select is not None else _tuple(config.select),
            ignore=client.ignore if client.ignore is not None else _tuple(config.ignore),
            jedi=client.jedi if client.jedi is not None else config.jedi,
            excluded=_excluded(path, config),
            severity=client.severity,
        )

    def _project_config(self, path: Path | None) -> Config:
        if path is None:
            return Config()
        try:
            pyproject = find_pyproject(path)
            if pyproject is None:
                return Config()
            stat = pyproject.stat()
        except OSError:
            return Config()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._pyproject_cache.get(pyproject)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        config = load_config(path)
        self._pyproject_cache[pyproject] = (stamp, config)
        return config


def _tuple(codes: list[str] | None) -> tuple[str, ...] | None:
    return None if codes is None else tuple(codes)


def _excluded(path: Path | None, config: Config) -> bool:
    """`exclude` names a file or folder name anywhere below the pyproject's folder (as the CLI)."""
    if path is None or not config.exclude or config.source is None:
        return False
    try:
        relative = os.path.relpath(path, config.source.parent)
    except ValueError:
        return False
    return any(part in config.exclude for part in Path(relative).parts)
