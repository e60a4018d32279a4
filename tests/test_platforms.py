"""Verify's process control on every platform, as far as it runs on this Linux machine: the
implementation each platform gets, Windows' Job Object logic through a fake of its kernel32
layer (driving real processes), the macOS fallback run for real here, and a guard that keeps
POSIX-only calls inside the process-control module.
"""

from __future__ import annotations

import ast
import ctypes
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from gradguard.verify import Limits, verify_file
from gradguard.verify import runner as verify_runner
from gradguard.verify.processes import control_for, win32job
from gradguard.verify.processes.posix import MACOS_MEMORY_NOTE, GroupTree, PosixControl
from gradguard.verify.processes.windows import (
    BREAK_GRACE_S,
    CREATE_NEW_PROCESS_GROUP,
    MEMORY_NOTE,
    WindowsControl,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "server" / "gradguard"
PROCESS_CONTROL = PACKAGE / "verify" / "processes"
SLEEPER = [sys.executable, "-c", "import time; time.sleep(300)"]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _gone_soon(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _running(pid)


# ---- which implementation ----------------------------------------------------------------


def test_implementation_selected_by_platform() -> None:
    assert isinstance(control_for("win32"), WindowsControl)
    for platform in ("linux", "darwin", "freebsd14"):
        control = control_for(platform)
        assert isinstance(control, PosixControl) and control.platform == platform
    assert isinstance(control_for(), PosixControl)  # this machine


def test_memory_limit_per_platform() -> None:
    mb = 256 * 1024 * 1024
    assert control_for("linux").harness_memory_limit(mb) == (mb, None)  # RLIMIT_AS after torch
    assert control_for("darwin").harness_memory_limit(mb) == (None, MACOS_MEMORY_NOTE)
    assert "not enforced on macOS" in MACOS_MEMORY_NOTE
    assert control_for("win32").harness_memory_limit(mb) == (None, MEMORY_NOTE)
    for platform in ("linux", "darwin", "win32"):
        assert control_for(platform).harness_memory_limit(None) == (None, None)


def test_crash_names_per_platform() -> None:
    assert control_for("linux").crash_name(-signal.SIGSEGV) == "SIGSEGV"
    assert control_for("linux").crash_name(3) is None
    windows = control_for("win32")
    assert windows.crash_name(0xC0000005) == "STATUS_ACCESS_VIOLATION"
    assert windows.crash_name(-1073741819) == "STATUS_ACCESS_VIOLATION"  # the same, signed
    assert windows.crash_name(0xC0000409) == "STATUS_STACK_BUFFER_OVERRUN"  # abort()
    assert windows.crash_name(1) is None


# ---- Windows: the Job Object logic over a fake kernel32 -----------------------------------


class FakeJobs:
    """Stands in for kernel32: a job is the process group of the process assigned to it (the
    fake Popen starts each process in a group of its own), CTRL_BREAK_EVENT is SIGTERM (on
    Windows, Python's default for it ends the process)."""

    def __init__(self, fail_assign: bool = False) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.groups: dict[int, int] = {}
        self.fail_assign = fail_assign

    def create(self, memory_limit: int | None) -> int:
        self.calls.append(("create", memory_limit))
        return 100 + len(self.groups)

    def assign(self, job: int, pid: int) -> None:
        self.calls.append(("assign", job, pid))
        if self.fail_assign:
            raise OSError("access denied")
        self.groups[job] = pid

    def pids(self, job: int) -> list[int]:
        self.calls.append(("pids", job))
        group = self.groups[job]
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit() and _running(int(entry)):
                try:
                    fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[2]) == group:
                    found.append(int(entry))
        return found

    def terminate(self, job: int) -> None:
        self.calls.append(("terminate", job))
        try:
            os.killpg(self.groups[job], signal.SIGKILL)
        except ProcessLookupError:
            pass

    def close(self, job: int) -> None:
        self.calls.append(("close", job))

    def ctrl_break(self, pid: int) -> None:
        self.calls.append(("ctrl_break", pid))
        os.killpg(pid, signal.SIGTERM)

    def names(self) -> list[str]:
        return [call[0] for call in self.calls]


class FakePopen:
    """subprocess.Popen without Windows' creationflags (refused on POSIX), which it records."""

    def __init__(self) -> None:
        self.creationflags: list[int] = []

    def __call__(self, argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        self.creationflags.append(kwargs.pop("creationflags"))
        return subprocess.Popen(argv, start_new_session=True, **kwargs)


def _windows(fail_assign: bool = False) -> tuple[WindowsControl, FakeJobs, FakePopen]:
    jobs, popen = FakeJobs(fail_assign), FakePopen()
    return WindowsControl(jobs, popen), jobs, popen


def test_windows_start_puts_the_process_in_a_job(tmp_path: Path) -> None:
    control, jobs, popen = _windows()
    tree = control.start([sys.executable, "-c", "pass"], dict(os.environ), str(tmp_path), 2**30)
    assert tree.wait(30)
    ending = tree.finish()
    assert popen.creationflags == [CREATE_NEW_PROCESS_GROUP]
    assert jobs.calls[0] == ("create", 2**30)
    assert jobs.calls[1][0] == "assign" and jobs.calls[1][2] > 0
    assert jobs.names()[-1] == "close"
    assert (ending.returncode, ending.leftovers, ending.notes) == (0, [], [])


def test_windows_kill_sends_ctrl_break_then_terminates_the_job(tmp_path: Path) -> None:
    control, jobs, _ = _windows()
    tree = control.start(SLEEPER, dict(os.environ), str(tmp_path), None)
    started = time.monotonic()
    tree.kill()
    assert time.monotonic() - started < BREAK_GRACE_S + 1  # the break was enough
    ending = tree.finish()
    assert jobs.names()[jobs.names().index("ctrl_break") :] == ["ctrl_break", "terminate", "close"]
    assert ending.returncode == -signal.SIGTERM and ending.leftovers == []


def test_windows_kill_terminates_a_process_that_ignores_the_break(tmp_path: Path) -> None:
    control, jobs, _ = _windows()
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(300)"
    tree = control.start([sys.executable, "-c", stubborn], dict(os.environ), str(tmp_path), None)
    time.sleep(1.0)  # its handler is in place
    started = time.monotonic()
    tree.kill()
    tree.finish()
    assert time.monotonic() - started >= BREAK_GRACE_S
    assert "terminate" in jobs.names()


def test_windows_finish_kills_and_names_what_the_code_left(tmp_path: Path) -> None:
    control, jobs, _ = _windows()
    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
        "print(child.pid, flush=True)\n"
    )
    tree = control.start([sys.executable, "-c", code], dict(os.environ), str(tmp_path), None)
    child = int(tree.stdout.readline())
    assert tree.wait(30)
    ending = tree.finish()
    assert ending.leftovers == [f"pid {child}"]
    assert jobs.names()[-3:] == ["pids", "terminate", "close"]
    assert _gone_soon(child)


def test_windows_without_a_job_says_so_and_still_kills(tmp_path: Path) -> None:
    control, jobs, _ = _windows(fail_assign=True)
    tree = control.start(SLEEPER, dict(os.environ), str(tmp_path), 2**30)
    tree.kill()
    ending = tree.finish()
    assert ending.returncode is not None
    [note] = ending.notes
    assert "could not be put in a Job Object (access denied)" in note
    assert "terminate" not in jobs.names() and jobs.names().count("close") == 1


def test_windows_job_structures_match_the_documented_layout() -> None:
    """The sizes Windows documents for 64-bit processes (fixed-width fields: same here)."""
    if ctypes.sizeof(ctypes.c_void_p) != 8:
        pytest.skip("64-bit layout")
    assert ctypes.sizeof(win32job.BasicLimitInformation) == 64
    assert ctypes.sizeof(win32job.IoCounters) == 48
    assert ctypes.sizeof(win32job.ExtendedLimitInformation) == 144
    assert win32job.ExtendedLimitInformation.JobMemoryLimit.offset == 120
    plain = win32job.job_limits(None)
    assert plain.BasicLimitInformation.LimitFlags == win32job.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    capped = win32job.job_limits(256 * 1024 * 1024)
    assert capped.BasicLimitInformation.LimitFlags == (
        win32job.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | win32job.JOB_OBJECT_LIMIT_JOB_MEMORY
    )
    assert capped.JobMemoryLimit == 256 * 1024 * 1024
    listing = win32job.ProcessIdList(2, 2)
    listing.ProcessIdList[0], listing.ProcessIdList[1] = 4242, 7
    assert win32job.listed_pids(listing) == [4242, 7]


def test_verify_runs_through_the_windows_logic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole verify run with the Windows implementation (over the fake kernel32): the result
    carries the Job Object's memory note, and a timeout goes CTRL_BREAK -> terminate."""
    pytest.importorskip("torch")
    control, jobs, popen = _windows()
    monkeypatch.setattr(verify_runner, "control_for", lambda: control)
    path = tmp_path / "cell.py"
    path.write_text("import torch\nprint(torch.ones(2).sum().item())\n", encoding="utf-8")
    result = verify_file(str(path), limits=Limits(timeout=120, memory_mb=4096))
    assert result.status == "ok" and result.stdout.strip() == "2.0", result
    assert MEMORY_NOTE in result.notes
    assert jobs.calls[0] == ("create", 4096 * 1024 * 1024)
    assert popen.creationflags == [CREATE_NEW_PROCESS_GROUP]

    path.write_text("import time\ntime.sleep(300)\n", encoding="utf-8")
    result = verify_file(str(path), limits=Limits(timeout=8))
    assert result.status == "timeout", result
    assert jobs.names()[-3:] == ["ctrl_break", "terminate", "close"]


# ---- macOS and other POSIX systems: the group fallback, run for real here ----------------


def test_macos_fallback_kills_the_group_and_says_the_memory_limit_is_not_enforced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("torch")
    monkeypatch.setattr(verify_runner, "control_for", lambda: PosixControl("darwin"))
    path = tmp_path / "cell.py"
    path.write_text(
        textwrap.dedent(
            """
            import subprocess, sys
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
            print("child", child.pid, flush=True)
            """
        ),
        encoding="utf-8",
    )
    result = verify_file(str(path), limits=Limits(timeout=120, memory_mb=256))
    assert result.status == "ok", result
    assert MACOS_MEMORY_NOTE in result.notes
    child = int(result.stdout.split("child")[1].split()[0])
    assert _gone_soon(child)
    assert any(f"pid {child}:" in n and "left running" in n for n in result.notes), result.notes


def test_group_fallback_kills_linked_descendants_outside_the_group(tmp_path: Path) -> None:
    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'],"
        " start_new_session=True)\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(300)\n"
    )
    tree = GroupTree([sys.executable, "-c", code], dict(os.environ))
    child = int(tree.stdout.readline())
    tree.kill()
    tree.finish()
    assert _gone_soon(child)


# ---- the guard: POSIX-only names stay in the process-control module -----------------------

POSIX_ONLY_ATTRIBUTES = {
    ("os", "killpg"),
    ("os", "setsid"),
    ("os", "getpgid"),
    ("os", "setpgid"),
    ("os", "getsid"),
    ("os", "fork"),
    ("os", "posix_spawn"),
    ("os", "WNOHANG"),
    ("signal", "SIGKILL"),
    ("signal", "SIGSTOP"),
}
POSIX_ONLY_MODULES = {"resource", "fcntl", "termios", "pwd", "grp"}
# the POSIX implementation of process control, and the Linux reaper it runs
ALLOWED = {PROCESS_CONTROL / "posix.py", PROCESS_CONTROL / "reaper.py"}


# what an except clause must catch for the name inside its try to count as guarded
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
OS_ERRORS = {"OSError", "FileNotFoundError", "IOError", "Exception", "BaseException"}


def _mentions_platform(test: ast.expr) -> bool:
    """`sys.platform`, `os.name` or `hasattr(...)` in an `if`'s test."""
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in {("sys", "platform"), ("os", "name")}:
                return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "hasattr":
                return True
    return False


def _exits_on_platform(statement: ast.stmt) -> bool:
    """`if <platform test>: ... return/raise`: what follows runs only on the other platforms."""
    return (
        isinstance(statement, ast.If)
        and _mentions_platform(statement.test)
        and not statement.orelse
        and isinstance(statement.body[-1], ast.Return | ast.Raise)
    )


def _caught(handlers: list[ast.ExceptHandler]) -> set[str]:
    names: set[str] = set()
    for handler in handlers:
        if handler.type is None:
            names.add("BaseException")
        for node in ast.walk(handler.type) if handler.type is not None else ():
            if isinstance(node, ast.Name):
                names.add(node.id)
    return names


def _posix_only_name(node: ast.AST) -> tuple[str, set[str]] | None:
    """The POSIX-only name `node` uses, with the exceptions that would guard it there."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        if (node.value.id, node.attr) in POSIX_ONLY_ATTRIBUTES:
            return f"{node.value.id}.{node.attr}", set()  # only a platform check guards it
    elif isinstance(node, ast.Import):
        hits = [a.name for a in node.names if a.name.split(".")[0] in POSIX_ONLY_MODULES]
        if hits:
            return ", ".join(hits), IMPORT_ERRORS
    elif isinstance(node, ast.ImportFrom) and node.level == 0:
        module = (node.module or "").split(".")[0]
        if module in POSIX_ONLY_MODULES:
            return module, IMPORT_ERRORS
        hits = [a.name for a in node.names if (module, a.name) in POSIX_ONLY_ATTRIBUTES]
        if hits:
            return ", ".join(f"{module}.{h}" for h in hits), set()
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        if node.value == "/proc" or node.value.startswith("/proc/"):
            return repr(node.value), OS_ERRORS
    return None


def posix_only_uses(path: Path) -> list[str]:
    """`file:line: name` for each POSIX-only name that is not guarded: by an `if` on the
    platform around it or returning before it, or (imports, /proc paths) by a `try` whose
    `except` catches what its absence raises elsewhere (ImportError, OSError)."""
    found: list[str] = []
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path

    def visit(node: ast.AST, guarded: bool, caught: set[str]) -> None:
        if isinstance(node, ast.If | ast.IfExp) and _mentions_platform(node.test):
            guarded = True
        use = _posix_only_name(node)
        if use is not None and not guarded and not (use[1] & caught):
            found.append(f"{where}:{getattr(node, 'lineno', '?')}: {use[0]}")
        if isinstance(node, ast.Try):
            for statement in node.body:
                visit(statement, guarded, caught | _caught(node.handlers))
            rest = [*node.handlers, *node.orelse, *node.finalbody]
            for child in rest:
                visit(child, guarded, caught)
            return
        for _, value in ast.iter_fields(node):
            items = value if isinstance(value, list) else [value]
            after_exit = guarded
            for item in items:
                if isinstance(item, ast.AST):
                    visit(item, after_exit, caught)
                    if isinstance(item, ast.stmt) and _exits_on_platform(item):
                        after_exit = True

    visit(ast.parse(path.read_text(encoding="utf-8")), False, set())
    return found


def test_posix_only_names_stay_in_process_control() -> None:
    files = [*PACKAGE.rglob("*.py"), ROOT / "client" / "python" / "server.py"]
    offences = [
        hit for path in sorted(files) if path not in ALLOWED for hit in posix_only_uses(path)
    ]
    assert not offences, (
        "POSIX-only names outside gradguard/verify/processes (they fail on Windows): move the "
        "code there, or guard it with an `if` on sys.platform / os.name:\n" + "\n".join(offences)
    )


def test_the_guard_sees_what_it_forbids(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent(
            """
            import os, signal, sys
            import resource
            from fcntl import flock
            os.killpg(1, signal.SIGKILL)
            open("/proc/self/stat")
            open(f"/proc/{os.getpid()}/stat")
            if sys.platform == "linux":
                os.setsid()
            else:
                os.getpgid(0)
            x = os.getsid(0) if os.name == "posix" else None
            try:
                import fcntl
                open("/proc/self/statm")
                os.killpg(0, 9)
            except (ImportError, OSError):
                pass
            try:
                os.setpgid(0, 0)
            except AttributeError:  # hides the bug on Windows: not a guard
                pass

            def f():
                if not sys.platform.startswith("linux"):
                    return None
                return signal.SIGKILL

            def g():
                if sys.platform == "win32":
                    print("no")
                return signal.SIGSTOP
            """
        ),
        encoding="utf-8",
    )
    hits = [h.split(": ", 1)[1] for h in posix_only_uses(sample)]
    assert hits == [
        "resource",
        "fcntl",
        "os.killpg",
        "signal.SIGKILL",
        "'/proc/self/stat'",
        "'/proc/'",  # the f-string's text
        "os.killpg",  # in the try: only a platform check guards a POSIX-only attribute
        "os.setpgid",
        "signal.SIGSTOP",  # the `if` before it does not return
    ]
