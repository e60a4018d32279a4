"""How much memory an analysis worker holds, and when to replace it by a fresh one.

Python rarely hands memory back to the system once an analysis of a large document has used it:
a worker keeps its peak. So a worker whose resident size passed a bound (`workerMemoryMb`) is
replaced by a fresh one once it is idle, and so is any worker that grew once nothing is open.
Linux reports the current resident size (`/proc/self/statm`); other POSIX systems only the peak
(`ru_maxrss`), which serves the same purpose here (the worker grew that large). None where
neither is known (Windows): such workers are not recycled for memory. No pygls imports: workers
import this.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

MB = 1024 * 1024
DEFAULT_WORKER_MEMORY_MB = 500  # the `workerMemoryMb` setting's default
IDLE_SLACK_BYTES = 25 * MB  # once nothing is open, a worker grown more than this is recycled


def resident_bytes() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024  # bytes / KiB


@dataclass
class WorkerUsage:
    """What the server knows of one worker's memory: analyses in flight, the resident size
    after its last analysis, and after its start (warmed up)."""

    busy: int = 0
    resident: int | None = None
    baseline: int | None = None

    def over(self, limit_bytes: int) -> bool:
        """Idle and past the bound: recycle it."""
        return self.busy == 0 and self.resident is not None and self.resident > limit_bytes

    def grew(self) -> bool:
        """Idle and grown past its start by more than the slack (used once nothing is open)."""
        if self.busy or self.resident is None or self.baseline is None:
            return False
        return self.resident > self.baseline + IDLE_SLACK_BYTES
