"""An analysis worker ends when the server that started it is gone.

A server killed outright (an editor crash, the out-of-memory killer, SIGKILL) runs none of its
clean-up: its workers would wait on their task queue for ever under init, and multiprocessing's
resource tracker with them (it ends once every process holding its pipe has). Two watches, each
enough on its own:
- Linux: the kernel kills the worker when its parent dies (`prctl(PR_SET_PDEATHSIG)`, through
  ctypes). The parent is the thread that started the worker, which for the pools here is the
  server's main thread: it ends only with the server;
- everywhere: a daemon thread waits on multiprocessing's parent sentinel (the read end of a pipe
  whose write end only the parent holds: end-of-file once the parent is gone; a process handle
  on Windows), or without one polls the parent's pid, then ends the worker.
No pygls imports: workers import this.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POLL_S = 0.5
ORPHANED_EXIT_STATUS = 3


def watch_parent() -> None:
    """Make this process end (within about a second) once its parent process is gone."""
    parent = os.getppid()
    _ask_kernel_for_parent_death_signal()
    if os.getppid() != parent:  # it died before the kernel was asked
        os._exit(ORPHANED_EXIT_STATUS)
    watcher = threading.Thread(
        target=_wait_for_parent, args=(parent,), name="gradguard-lifeline", daemon=True
    )
    watcher.start()


def _ask_kernel_for_parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _wait_for_parent(parent: int) -> None:
    process = multiprocessing.parent_process()
    sentinel = process.sentinel if process is not None else None
    if sentinel is not None and os.name == "posix":
        try:
            while os.read(sentinel, 4096):  # nothing is written: data would be a leftover
                pass
        except OSError:
            _poll(parent)
    elif sentinel is not None:
        multiprocessing.connection.wait([sentinel])
    else:
        _poll(parent)
    os._exit(ORPHANED_EXIT_STATUS)


def _poll(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_S)
