"""Parse the inline annotations of a test case (format: tests/cases/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_EXPECT = re.compile(r"#\s*expect:\s*((?:GG\d{3}[\s,]*)+)")
_RAISES = re.compile(r"#\s*raises:\s*(\w+)(?::\s*(.*?))?\s*$")
_SAVER = re.compile(r"#\s*saver\b")
_SOURCE = re.compile(r"#\s*source:\s*(\S+)")
_CODE = re.compile(r"GG\d{3}")


@dataclass(frozen=True)
class ExpectedRaise:
    line: int
    exc_type: str
    message: str


@dataclass
class Case:
    path: Path
    source: str
    expected: set[tuple[int, str]] = field(default_factory=set)
    raises: ExpectedRaise | None = None
    saver_lines: set[int] = field(default_factory=set)
    url: str | None = None

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"


def parse_case(path: Path) -> Case:
    source = path.read_text(encoding="utf-8")
    case = Case(path=path, source=source)
    for lineno, line in enumerate(source.splitlines(), start=1):
        m = _EXPECT.search(line)
        if m:
            for code in _CODE.findall(m.group(1)):
                case.expected.add((lineno, code))
        m = _RAISES.search(line)
        if m:
            if case.raises is not None:
                raise ValueError(f"{path}: more than one '# raises:' annotation")
            case.raises = ExpectedRaise(lineno, m.group(1), (m.group(2) or "").strip())
        if _SAVER.search(line):
            case.saver_lines.add(lineno)
        m = _SOURCE.search(line)
        if m and case.url is None:
            case.url = m.group(1)
    return case


def all_cases(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if not p.name.startswith("_"))
