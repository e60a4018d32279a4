"""Process control for verify: the one place that knows how each OS starts, contains and kills
a process tree (the user's code may start processes of its own, leave its process group, or
keep its interpreter alive after it finished).

`control_for(sys.platform)` picks the implementation:
- Linux: the harness runs under a small reaper (`reaper.py`) that is a child subreaper, so even
  processes that double-fork or `setsid()` stay in its tree and are killed with it;
- macOS and other POSIX systems: a new session, killed as a group, plus the descendants still
  linked to it; no address-space limit on macOS (it has no working `RLIMIT_AS`), said in a note;
- Windows: a Job Object (kill-on-close, memory limit) and a new process group that gets
  CTRL_BREAK_EVENT before the job is terminated.
"""

from __future__ import annotations

import sys

from .base import Ending, ProcessControl, Tree

__all__ = ["Ending", "ProcessControl", "Tree", "control_for"]


def control_for(platform: str = sys.platform) -> ProcessControl:
    """The implementation for `platform` (a `sys.platform` value)."""
    if platform == "win32":
        from .windows import WindowsControl

        return WindowsControl()
    from .posix import PosixControl

    return PosixControl(platform)
