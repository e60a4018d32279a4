"""Windows process control: the harness runs in a Job Object (every process it starts is in the
job too, the job's processes die when gradguard's handle closes, and the job caps their
committed memory) and in a new console process group, which gets CTRL_BREAK_EVENT before the
job is terminated.

The OS calls go through `JobApi`, so the logic here is tested on any system with a fake of it;
`win32job.Kernel32Jobs` is the real one. A process is assigned to its job just after it starts
(`subprocess` cannot create it inside one): the harness's interpreter start-up, long before it
runs the user's code, covers that gap.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Protocol

from .base import Ending, ProcessControl, Tree

CREATE_NEW_PROCESS_GROUP = 0x00000200
BREAK_GRACE_S = 1.0
MEMORY_NOTE = (
    "on Windows the memory limit caps the committed memory of the whole process tree, the "
    "interpreter's and torch's own included (a Job Object limit)"
)
# NTSTATUS codes a crashed process exits with, as the Windows names them
CRASH_CODES = {
    0xC0000005: "STATUS_ACCESS_VIOLATION",
    0xC00000FD: "STATUS_STACK_OVERFLOW",
    0xC0000409: "STATUS_STACK_BUFFER_OVERRUN",  # abort() and fail-fast
    0xC000001D: "STATUS_ILLEGAL_INSTRUCTION",
    0xC0000094: "STATUS_INTEGER_DIVIDE_BY_ZERO",
    0xC0000017: "STATUS_NO_MEMORY",
    0xC000013A: "STATUS_CONTROL_C_EXIT",
}


class JobApi(Protocol):
    """The Job Object and console calls gradguard makes (kernel32)."""

    def create(self, memory_limit: int | None) -> int:
        """A new job whose processes are killed when its last handle closes, with their total
        committed memory capped at `memory_limit` bytes (None: no cap); returns its handle."""

    def assign(self, job: int, pid: int) -> None:
        """Put process `pid` (and so everything it starts from now on) in the job."""

    def pids(self, job: int) -> list[int]:
        """The processes of the job that are still running."""

    def terminate(self, job: int) -> None:
        """Kill every process of the job."""

    def close(self, job: int) -> None:
        """Release the handle (with kill-on-close, whatever is left dies)."""

    def ctrl_break(self, pid: int) -> None:
        """Send CTRL_BREAK_EVENT to the console process group `pid` leads."""


Popen = Callable[..., "subprocess.Popen[bytes]"]


def _kernel32() -> JobApi:
    if sys.platform == "win32":
        from .win32job import Kernel32Jobs

        return Kernel32Jobs()
    raise OSError("Job Objects exist only on Windows")


class WindowsControl(ProcessControl):
    def __init__(self, api: JobApi | None = None, popen: Popen = subprocess.Popen) -> None:
        self.api = api
        self.popen = popen

    def crash_name(self, returncode: int | None) -> str | None:
        """The NTSTATUS name of a crash exit code (Python reports it unsigned)."""
        if returncode is None:
            return None
        return CRASH_CODES.get(returncode & 0xFFFFFFFF)

    def harness_memory_limit(self, limit: int | None) -> tuple[int | None, str | None]:
        return None, MEMORY_NOTE if limit else None  # the job enforces it, not the harness

    def start(
        self, argv: list[str], env: dict[str, str], scratch: str, memory_limit: int | None
    ) -> Tree:
        api = self.api if self.api is not None else _kernel32()
        job = api.create(memory_limit)
        try:
            proc = self.popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                creationflags=CREATE_NEW_PROCESS_GROUP,
            )
        except BaseException:
            api.close(job)
            raise
        notes: list[str] = []
        try:
            api.assign(job, proc.pid)
        except OSError as exc:
            notes.append(
                f"the process could not be put in a Job Object ({exc}): processes the code "
                "started may have been left running, and no memory limit applied"
            )
            api.close(job)
            return JobTree(api, None, proc, notes)
        return JobTree(api, job, proc, notes)


class JobTree(Tree):
    def __init__(
        self, api: JobApi, job: int | None, proc: subprocess.Popen[bytes], notes: list[str]
    ) -> None:
        assert proc.stdout is not None and proc.stderr is not None
        self.api, self.job, self.proc, self.notes = api, job, proc, notes
        self.stdout, self.stderr = proc.stdout, proc.stderr
        self._killed = False

    def wait(self, timeout: float) -> bool:
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def kill(self) -> None:
        self._killed = True
        if self.proc.poll() is None:
            try:
                self.api.ctrl_break(self.proc.pid)
            except OSError:
                pass  # no console to send it on: straight to the hard kill
            self.wait(BREAK_GRACE_S)
        self._terminate()  # the rest of the tree, even once the main process is gone

    def _terminate(self) -> None:
        if self.job is not None:
            self.api.terminate(self.job)
        elif self.proc.poll() is None:
            self.proc.kill()

    def finish(self) -> Ending:
        self.proc.wait()
        leftovers: list[str] = []
        if self.job is not None:
            if not self._killed:
                left = [pid for pid in self.api.pids(self.job) if pid != self.proc.pid]
                leftovers = [f"pid {pid}" for pid in left]
                if left:
                    self.api.terminate(self.job)
            self.api.close(self.job)
            self.job = None
        return Ending(self.proc.returncode, leftovers, list(self.notes))
