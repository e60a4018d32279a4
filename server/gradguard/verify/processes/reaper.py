"""The Linux intermediate between gradguard and the verify harness: it starts the harness as its
child and outlives it, so that nothing the user's code starts can escape.

It makes itself a child subreaper (`prctl(PR_SET_CHILD_SUBREAPER)`): a process that leaves the
process group (`setsid`, `setpgid`) or double-forks is re-parented here instead of to init, so
it is still found by walking the tree down from here. When the harness exits, or gradguard asks
with SIGTERM (timeout, cancel, an interpreter that would not exit), it freezes every descendant
with SIGSTOP (none can fork meanwhile), kills them all, reaps them, and writes a JSON status
(the harness's return code and what was left running) for the parent. It also asks for SIGTERM
when its parent dies (`PR_SET_PDEATHSIG`), so a killed server leaves no run behind.

Run as `python -I -S reaper.py STATUS_PATH PARENT_PID COMMAND...`; standard library only.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import time
from types import FrameType

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
SETTLE_S = 3.0  # bound on freezing and reaping (a fork bomb must not keep us here)
MAX_COMMAND = 120


class _Stop(Exception):
    """gradguard asked for the whole tree to be killed."""


def _on_term(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def _prctl(option: int, value: int) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _process_table() -> dict[int, tuple[int, bytes]]:
    """pid -> (parent pid, state letter) for every process /proc shows."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        table[int(entry)] = (int(fields[1]), fields[0])
    return table


def _live_descendants(root: int) -> set[int]:
    table = _process_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, stack = set(), [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            stack.append(child)
            if table[child][1] != b"Z":
                found.add(child)
    return found


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            raw = f.read()
    except OSError:
        return f"pid {pid}"
    text = raw.replace(b"\0", b" ").decode("utf-8", "replace").strip() or "?"
    if len(text) > MAX_COMMAND:
        text = text[: MAX_COMMAND - 3] + "..."
    return f"pid {pid}: {text}"


def _reap(deadline: float) -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # no children left
        if pid == 0:
            if time.monotonic() > deadline:
                return
            time.sleep(0.005)


def kill_tree(spare: int | None) -> list[str]:
    """Freeze, then kill, every descendant; returns the ones found besides `spare`."""
    deadline = time.monotonic() + SETTLE_S
    stopped: list[int] = []
    described: list[str] = []
    while time.monotonic() < deadline:
        fresh = _live_descendants(os.getpid()) - set(stopped)
        if not fresh:
            break
        for pid in sorted(fresh):
            if pid != spare:
                described.append(_command(pid))
            try:
                os.kill(pid, signal.SIGSTOP)
            except ProcessLookupError:
                continue
            stopped.append(pid)
    for pid in stopped:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _reap(deadline)
    return described


def _write_status(path: str, status: dict[str, object]) -> None:
    partial = path + ".part"
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(status, f)
    os.replace(partial, path)


def main(argv: list[str]) -> int:
    status_path, parent, command = argv[1], int(argv[2]), argv[3:]
    signal.signal(signal.SIGTERM, _on_term)
    contained = _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    status: dict[str, object] = {"returncode": None, "contained": contained, "stopped": False}
    child = None
    try:
        if os.getppid() != parent:  # the parent died before PR_SET_PDEATHSIG took effect
            raise _Stop
        child = os.posix_spawn(command[0], command, dict(os.environ))
        _, wait_status = os.waitpid(child, 0)
        status["returncode"] = os.waitstatus_to_exitcode(wait_status)
        child = None
    except _Stop:
        status["stopped"] = True
    except OSError as exc:
        status["error"] = f"could not start {command[0]}: {exc}"
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    status["leftovers"] = kill_tree(spare=child)
    _write_status(status_path, status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
