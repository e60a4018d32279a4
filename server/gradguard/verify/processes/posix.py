"""POSIX process control: Linux contains the tree with the reaper (`reaper.py`); macOS and the
other systems fall back to a new session killed as a group plus the descendants still linked
to it (a process that leaves the group and whose parent exits escapes there, see README)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from .base import KILL_GRACE_S, Ending, ProcessControl, Tree

REAPER = Path(__file__).with_name("reaper.py")
MACOS_MEMORY_NOTE = (
    "memory limit not enforced on macOS (it has no working RLIMIT_AS); the code ran without one"
)


class PosixControl(ProcessControl):
    def __init__(self, platform: str = sys.platform) -> None:
        self.platform = platform

    def crash_name(self, returncode: int | None) -> str | None:
        if returncode is None or returncode >= 0:
            return None
        try:
            return signal.Signals(-returncode).name
        except ValueError:
            return f"signal {-returncode}"

    def harness_memory_limit(self, limit: int | None) -> tuple[int | None, str | None]:
        if not limit:
            return None, None
        if self.platform == "darwin":
            return None, MACOS_MEMORY_NOTE
        return limit, None  # RLIMIT_AS, applied by the harness after torch's import

    def start(
        self, argv: list[str], env: dict[str, str], scratch: str, memory_limit: int | None
    ) -> Tree:
        if self.platform.startswith("linux"):
            return ReapedTree(argv, env, os.path.join(scratch, "reaper.json"))
        return GroupTree(argv, env)


def _popen(argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own session and process group, killed as one
    )


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group is empty (PermissionError: macOS says so for a group of zombies)


class _PosixTree(Tree):
    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None and proc.stderr is not None
        self.proc = proc
        self.stdout, self.stderr = proc.stdout, proc.stderr

    def wait(self, timeout: float) -> bool:
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True


class ReapedTree(_PosixTree):
    """Linux: the harness runs under the reaper, which kills and reports what it left."""

    def __init__(self, argv: list[str], env: dict[str, str], status_path: str) -> None:
        self.status_path = status_path
        reaper = [sys.executable, "-I", "-S", str(REAPER), status_path, str(os.getpid())]
        super().__init__(_popen([*reaper, *argv], env))

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the reaper kills the tree, then exits
            if not self.wait(KILL_GRACE_S):
                _kill_group(self.proc.pid)

    def finish(self) -> Ending:
        self.proc.wait()
        _kill_group(self.proc.pid)  # had the reaper died, whatever stayed in its group
        try:
            status = json.loads(Path(self.status_path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Ending(
                self.proc.returncode,
                notes=[
                    "the process reaper gave no report: processes the code started may "
                    "have been left running"
                ],
            )
        ending = Ending(status.get("returncode"), list(status.get("leftovers") or []))
        if status.get("error"):
            ending.notes.append(str(status["error"]))
        if not status.get("contained"):
            ending.notes.append(
                "this system refused PR_SET_CHILD_SUBREAPER: processes that left the process "
                "group after their parent exited may have been left running"
            )
        return ending


class GroupTree(_PosixTree):
    """Other POSIX systems: a session of its own, killed as a group, plus its descendants."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        super().__init__(_popen(argv, env))
        self._killed = False

    def kill(self) -> None:
        self._killed = True
        linked = _descendants(self.proc.pid)  # before the group kill: the links go with it
        _kill_group(self.proc.pid)
        for pid in linked:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def finish(self) -> Ending:
        self.proc.wait()
        members = [] if self._killed else _group_members(self.proc.pid)
        left = [f"pid {pid}: {command}" for pid, command in members]
        _kill_group(self.proc.pid)
        return Ending(self.proc.returncode, left)


def _ps() -> list[tuple[int, int, int, str]]:
    """(pid, parent pid, process group, command) of every process, from ps(1)."""
    try:
        out = subprocess.run(
            ["ps", "-A", "-o", "pid=,ppid=,pgid=,command="],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    rows = []
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) >= 3 and all(p.isdigit() for p in parts[:3]):
            command = parts[3] if len(parts) == 4 else "?"
            rows.append((int(parts[0]), int(parts[1]), int(parts[2]), command))
    return rows


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, ppid, _, _ in _ps():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            found.append(child)
            stack.append(child)
    return found


def _group_members(pgid: int) -> list[tuple[int, str]]:
    return [(pid, command) for pid, _, group, command in _ps() if group == pgid]
