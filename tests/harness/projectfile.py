"""Parse a multi-module test project and its inline annotations (format: tests/projects/README.md).

A project is a directory with a `pyproject.toml` at its root and exactly one entry script, the
`.py` file whose header carries `# case: <text>`. The annotations of tests/cases/README.md
(`# expect:`, `# raises:`, `# saver`, `# source:`) may stand in any `.py` file of the project;
the entry's header may add `# pythonpath: DIR [DIR ...]` (directories relative to the root).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from harness.casefile import _CODE, _EXPECT, _RAISES, _SAVER, _SOURCE

_CASE = re.compile(r"^#\s*case:\s*(.*?)\s*$")
_PYTHONPATH = re.compile(r"^#\s*pythonpath:\s*(.*?)\s*$")
_SKIP_DIRS = {"__pycache__", ".git", ".venv", "node_modules"}


@dataclass(frozen=True)
class ProjectRaise:
    path: str  # posix path relative to the project root
    line: int
    exc_type: str
    message: str


@dataclass
class Project:
    root: Path
    entry: Path  # relative to root
    pythonpath: tuple[str, ...] = ()
    expected: set[tuple[str, int, str]] = field(default_factory=set)
    raises: ProjectRaise | None = None
    saver_lines: set[tuple[str, int]] = field(default_factory=set)
    url: str | None = None
    files: dict[str, str] = field(default_factory=dict)  # relative posix path -> source
    description: str = ""  # the text of the entry's `# case:` line

    @property
    def name(self) -> str:
        return f"{self.root.parent.name}/{self.root.name}"


def _python_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        found.extend(Path(dirpath) / f for f in sorted(filenames) if f.endswith(".py"))
    return found


def _case_line(source: str) -> str | None:
    """The text of the file's `# case:` line, if it has one."""
    for line in source.splitlines():
        m = _CASE.match(line)
        if m:
            return m.group(1)
    return None


def parse_project(root: Path) -> Project:
    root = root.resolve()
    if not (root / "pyproject.toml").is_file():
        raise ValueError(f"{root}: no pyproject.toml")
    files = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in _python_files(root)
    }
    entries = [(rel, text) for rel, text in files.items() if _case_line(text) is not None]
    if len(entries) != 1:
        names = ", ".join(rel for rel, _ in entries) or "none"
        raise ValueError(f"{root}: need exactly one file with '# case:', found {names}")
    entry_rel, entry_text = entries[0]
    project = Project(
        root=root,
        entry=Path(entry_rel),
        files=files,
        description=_case_line(entry_text) or "",
    )
    for line in entry_text.splitlines():
        m = _PYTHONPATH.match(line)
        if m:
            project.pythonpath = tuple(m.group(1).split())
            break
    # the entry first, so its `# source:` wins
    for rel in [entry_rel, *(r for r in files if r != entry_rel)]:
        for lineno, line in enumerate(files[rel].splitlines(), start=1):
            m = _EXPECT.search(line)
            if m:
                for code in _CODE.findall(m.group(1)):
                    project.expected.add((rel, lineno, code))
            m = _RAISES.search(line)
            if m:
                if project.raises is not None:
                    raise ValueError(f"{root}: more than one '# raises:' annotation")
                message = (m.group(2) or "").strip()
                project.raises = ProjectRaise(rel, lineno, m.group(1), message)
            if _SAVER.search(line):
                project.saver_lines.add((rel, lineno))
            m = _SOURCE.search(line)
            if m and project.url is None:
                project.url = m.group(1)
    return project


def _is_project(folder: Path) -> bool:
    if not (folder / "pyproject.toml").is_file():
        return False
    for path in _python_files(folder):
        if _case_line(path.read_text(encoding="utf-8")) is not None:
            return True
    return False


def all_projects(folder: Path) -> list[Path]:
    """Project directories under `folder` (or `folder` itself), sorted; never inside a project."""
    found: list[Path] = []
    for dirpath, dirnames, _ in os.walk(folder):
        here = Path(dirpath)
        if _is_project(here):
            found.append(here)
            dirnames[:] = []
            continue
        dirnames[:] = [d for d in dirnames if d not in _SKIP_DIRS and not d.startswith(".")]
    return sorted(found)
