"""A server killed outright (SIGKILL: an editor crash, the out-of-memory killer) leaves no
process behind: its analysis workers and multiprocessing's resource tracker end on their own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_lsp_lifecycle import PYTHON_M, RawServer

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table")
HERE = Path(__file__).resolve().parent


def descendants(root: int) -> set[int]:
    """Every process below `root`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def running(pids: set[int]) -> set[int]:
    """The pids that are still processes (zombies, waiting for init to reap them, are not)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def wait_until_gone(pids: set[int], within: float = 15.0) -> set[int]:
    deadline = time.monotonic() + within
    while running(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running(pids)


def test_killed_server_leaves_no_process() -> None:
    server = RawServer(PYTHON_M)
    try:
        server.initialize()
        text = "import torch\nx = torch.randn(3, requires_grad=True)\nx.add_(1)\n"
        item = {"uri": "file:///tmp/gg_orphans/a.py", "languageId": "python", "version": 1}
        server.send(
            {"method": "textDocument/didOpen", "params": {"textDocument": {**item, "text": text}}}
        )
        while server.receive().get("method") != "textDocument/publishDiagnostics":
            pass
        workers = descendants(server.process.pid)
        assert len(workers) >= 2  # the analysis workers and the resource tracker
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
        assert wait_until_gone(workers) == set()
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def test_portable_watch_alone_ends_an_orphaned_worker() -> None:
    """Without the kernel's parent-death signal (other systems), the watched pipe does it."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), *sys.path]))
    middle = subprocess.Popen(
        [sys.executable, str(HERE / "lifeline_probe.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    try:
        assert middle.stdout is not None
        worker = int(middle.stdout.readline())
        assert running({worker}) == {worker}
        middle.send_signal(signal.SIGKILL)
        middle.wait()
        assert wait_until_gone({worker}) == set()
    finally:
        if middle.poll() is None:
            middle.kill()
            middle.wait()
