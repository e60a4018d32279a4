"""What the verify runner needs from a platform: start a contained process tree, wait for its
main process, kill the whole tree, and learn what was left running when the main one ended."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import IO

KILL_GRACE_S = 3.0  # how long a gentle stop may take before the hard kill


@dataclass
class Ending:
    """How the tree ended: the main process's return code (negative: the signal that killed it;
    None when it was killed on request or its status is unknown), the processes it left running
    (killed, described for the user) and notes on what could not be done on this platform."""

    returncode: int | None
    leftovers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Tree(ABC):
    """A started process tree; its main process's stdout and stderr are pipes."""

    stdout: IO[bytes]
    stderr: IO[bytes]

    @abstractmethod
    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the main process; True once it has exited."""

    @abstractmethod
    def kill(self) -> None:
        """Stop every process of the tree now (gently first where the platform allows)."""

    @abstractmethod
    def finish(self) -> Ending:
        """Once the main process has exited (or `kill` was called): kill whatever is left,
        reap, release the OS resources, and report."""


class ProcessControl(ABC):
    """One platform's way of running the harness."""

    @abstractmethod
    def crash_name(self, returncode: int | None) -> str | None:
        """The name of what killed a process that ended with `returncode` (a signal, an
        NTSTATUS code), or None when it exited on its own."""

    @abstractmethod
    def harness_memory_limit(self, limit: int | None) -> tuple[int | None, str | None]:
        """How a memory cap of `limit` bytes is enforced: (the limit the harness applies to
        itself once torch is imported, or None; a note for the result, or None)."""

    @abstractmethod
    def start(
        self, argv: list[str], env: dict[str, str], scratch: str, memory_limit: int | None
    ) -> Tree:
        """Start `argv` with stdin closed and stdout/stderr piped; `scratch` is a private
        directory for the run; `memory_limit` (bytes) is the cap the OS enforces on the tree
        itself, where it does (see `harness_memory_limit`)."""
