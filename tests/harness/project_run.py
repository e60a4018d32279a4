"""Run a test project's entry script under torch in a subprocess and report what happened.

The entry runs exactly as `cd ROOT && PYTHONPATH=<pythonpath dirs> python ENTRY` would run it
(script mode: `sys.path[0]` is the entry's directory, `__name__ == "__main__"`), with
PYTHONHASHSEED=0. A small bootstrap executes it with `runpy.run_path` and writes the facts of
an uncaught exception (type, message, traceback frames inside the project root) as JSON to a
result file, so the project's own stdout/stderr never interfere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness.projectfile import Project

# argv: ROOT ENTRY RESULT_FILE. Never raises itself: every outcome goes to RESULT_FILE.
_BOOTSTRAP = r"""
import json, os, runpy, sys, traceback
root, entry, result = sys.argv[1], sys.argv[2], sys.argv[3]
sys.argv = [entry]
sys.path[0] = os.path.dirname(entry)
facts = {"ok": True}
try:
    runpy.run_path(entry, run_name="__main__")
except BaseException as exc:
    if not (isinstance(exc, SystemExit) and exc.code in (None, 0)):
        frames = []
        for fr in traceback.extract_tb(exc.__traceback__):
            path = os.path.realpath(fr.filename)
            if os.path.isfile(path) and os.path.commonpath([path, root]) == root:
                frames.append([os.path.relpath(path, root).replace(os.sep, "/"), fr.lineno])
        message = str(exc.code) if isinstance(exc, SystemExit) else str(exc)
        facts = {"ok": False, "exc_type": type(exc).__name__, "message": message, "frames": frames}
with open(result, "w", encoding="utf-8") as fh:
    json.dump(facts, fh)
"""


@dataclass(frozen=True)
class ProjectOutcome:
    ok: bool
    exc_type: str | None = None
    message: str | None = None
    path: str | None = None  # innermost traceback frame inside the project root (posix, relative)
    line: int | None = None
    # every traceback frame inside the root, outermost first
    frames: tuple[tuple[str, int], ...] = ()
    stdout: str = ""
    stderr: str = ""

    def describe(self) -> str:
        if self.ok:
            return "runs without error"
        where = f"{self.path}:{self.line}" if self.path else "no frame in the project"
        return f"{self.exc_type} at {where}: {self.message}"


def _env(project: Project) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONSTARTUP", None)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # keep the project tree free of __pycache__
    if project.pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(str(project.root / d) for d in project.pythonpath)
    else:
        env.pop("PYTHONPATH", None)
    return env


def run_project(
    project: Project, python: str = sys.executable, timeout: float = 60
) -> ProjectOutcome:
    root = os.path.realpath(project.root)
    entry = os.path.join(root, project.entry.as_posix())
    with tempfile.TemporaryDirectory(prefix="gg-project-") as tmp:
        result = Path(tmp) / "outcome.json"
        try:
            proc = subprocess.run(
                [python, "-c", _BOOTSTRAP, root, entry, str(result)],
                cwd=root,
                env=_env(project),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            return ProjectOutcome(
                False,
                "TimeoutExpired",
                f"no result after {timeout} s",
                stdout=_text(exc.stdout),
                stderr=_text(exc.stderr),
            )
        if not result.is_file():
            message = f"interpreter exited with status {proc.returncode} and no result"
            return ProjectOutcome(False, "Crash", message, stdout=proc.stdout, stderr=proc.stderr)
        facts = json.loads(result.read_text(encoding="utf-8"))
    if facts["ok"]:
        return ProjectOutcome(True, stdout=proc.stdout, stderr=proc.stderr)
    frames = tuple((str(p), int(n)) for p, n in facts["frames"])
    path, line = frames[-1] if frames else (None, None)
    return ProjectOutcome(
        False,
        facts["exc_type"],
        facts["message"],
        path,
        line,
        frames,
        stdout=proc.stdout,
        stderr=proc.stderr,
    )


def _text(data: str | bytes | None) -> str:
    if data is None:
        return ""
    return data.decode(errors="replace") if isinstance(data, bytes) else data


def matches(outcome: ProjectOutcome, project: Project) -> bool:
    """True when the outcome is the labelled one (no `# raises:` means: runs cleanly)."""
    r = project.raises
    if r is None:
        return outcome.ok
    return (
        not outcome.ok
        and outcome.exc_type == r.exc_type
        and r.message in (outcome.message or "")
        and (outcome.path, outcome.line) == (r.path, r.line)
    )
