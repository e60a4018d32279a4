"""What a verify run reports: the data shared by the runner, the verdicts and the renderers.

Field names follow the JSON contract of DESIGN.md section 6 (scripts and CI depend on it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..analysis import Finding

Status = Literal["ok", "error", "timeout", "crashed", "no_torch", "cancelled"]
VerdictKind = Literal["confirmed", "not_confirmed", "not_reached"]


@dataclass(frozen=True)
class Site:
    """An op and the user's line it ran from (either may be unknown)."""

    line: int | None
    op: str | None


@dataclass(frozen=True)
class WriteFact:
    """One in-place write the run saw move a saved tensor's version."""

    line: int | None
    op: str | None
    version: int | None  # after the write


@dataclass(frozen=True)
class TensorFacts:
    """The saved tensor a runtime finding is about, as the run saw it."""

    shape: tuple[int, ...] | None
    dtype: str | None
    saved_version: int | None
    version: int | None  # when the finding was made (a backward read it, or the cell ended)
    writes: tuple[WriteFact, ...] = ()


@dataclass(frozen=True)
class RuntimeFinding:
    """A hazard observed while the code ran; `kind` is the rule code it maps to (GG001..)."""

    kind: str
    message: str
    inplace: Site
    saved_by: Site | None = None
    detected_at: int | None = None
    tensor: TensorFacts | None = None


@dataclass(frozen=True)
class ExceptionInfo:
    """The exception that stopped the run (or the signal that killed it)."""

    type: str
    message: str
    line: int | None
    stage: Literal["setup", "cell"] = "cell"


@dataclass(frozen=True)
class Verdict:
    """What running the cell says about one static finding inside it."""

    code: str
    line: int
    verdict: VerdictKind
    detail: str


@dataclass(frozen=True)
class CellInfo:
    """The lines that were verified; `index` is None when the whole file is one cell."""

    index: int | None
    start_line: int
    end_line: int
    count: int


@dataclass
class VerifyResult:
    path: str
    cell: CellInfo
    status: Status
    message: str = ""
    findings: list[RuntimeFinding] = field(default_factory=list)
    exception: ExceptionInfo | None = None
    verdicts: list[Verdict] = field(default_factory=list)
    partial: bool = False
    notes: list[str] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    executed_lines: set[int] = field(default_factory=set)
    completed: bool = False
    duration: float = 0.0
    torch_version: str | None = None
    python_version: str | None = None
    # the static findings the verdicts judge, and the source they are located in (the story
    # of each verdict is drawn from them)
    static: list[Finding] = field(default_factory=list)
    source: str = ""

    @property
    def exit_code(self) -> int:
        """0 ran without runtime findings, 1 findings/exception/timeout/crash, 2 no torch."""
        if self.status == "no_torch":
            return 2
        if self.status == "ok" and not self.findings:
            return 0
        return 1
