"""Soak and fault test of the language server: kill it at random moments, count what is left.

Why: an editor crash or the out-of-memory killer ends `gradguard server` with SIGKILL, which
runs none of its clean-up; nothing it started may outlive it (analysis workers, multiprocessing's
resource tracker, a Verify cell's processes). And Python keeps the memory a large document's
analysis used: once every document is closed, server and workers must be back near where they
started. This script prints figures; its exit status is 1 when a process was left behind or
memory did not come back within `--memory-slack` MB, so it can gate a release by hand.

1. fault rounds (`--rounds`, alternating): start the server over stdio, open documents, then
   - *analysis*: send a large file (and edits to it) and SIGKILL the server after a random
     delay while its workers analyse;
   - *verify*: run Verify cell on a cell that starts a child process and sleeps, and SIGKILL the
     server after a random delay (before, while and after torch's import; needs torch);
   then list the server's descendants (taken just before the kill, from /proc) still running
   (zombies waiting for init do not count) after `--grace` seconds.
2. memory: one server, resident memory (server + all its descendants, VmRSS) after start-up,
   at the peak with a `--big-lines` file and a notebook of `--cells` x `--cell-lines` open, and
   after closing everything (waiting up to 30 s for it to settle); then shutdown and exit, and
   leftovers again.

Linux only (reads /proc). Run from the repository root with the project's venv::

    python bench/server_soak.py                       # 8 rounds, 20k-line file, 10 x 2,000 cells
    python bench/server_soak.py --rounds 20 --big-lines 50000 --cells 20 --cell-lines 5000
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from lsp_latency import training_script

SERVER = [sys.executable, "-m", "gradguard", "server"]
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024
SLOW_CELL = (
    "# %%\nimport torch\nx = torch.ones(2, requires_grad=True)\n"
    "# %%\nimport subprocess, time\nchild = subprocess.Popen(['sleep', '300'])\ntime.sleep(300)\n"
)


class Server:
    """`gradguard server` over pipes; messages are read on a thread into a queue."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            length = None
            while (line := stdout.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                return
            self.messages.put(json.loads(stdout.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()
        except BrokenPipeError:
            pass

    def request(self, method: str, params: Any, timeout: float = 60.0) -> dict[str, Any]:
        self._next_id += 1
        self.send({"id": self._next_id, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == self._next_id and "method" not in m, timeout)

    def wait_for(self, wanted: Any, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message.get("method") == "window/workDoneProgress/create" and "id" in message:
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def initialize(self, options: dict[str, Any] | None = None) -> None:
        capabilities = {"window": {"workDoneProgress": False}}
        params = {"processId": os.getpid(), "capabilities": capabilities}
        self.request("initialize", {**params, "initializationOptions": options or {}})
        self.send({"method": "initialized", "params": {}})

    def open(self, uri: str, text: str, version: int = 1) -> None:
        item = {"uri": uri, "languageId": "python", "version": version, "text": text}
        self.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})

    def diagnostics(self, uri: str, timeout: float) -> dict[str, Any]:
        return self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            ),
            timeout,
        )


def descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def running(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def resident_mb(pids: set[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total / MB


def kill_and_count(server: Server, grace: float) -> tuple[int, int, float]:
    """SIGKILL the server; (descendants before, still running after `grace` s, seconds until
    none ran)."""
    before = descendants(server.process.pid)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    started = time.monotonic()
    while running(before) and time.monotonic() - started < grace:
        time.sleep(0.05)
    left = running(before)
    for pid in left:  # the script cleans up after itself, after counting
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return len(before), len(left), time.monotonic() - started


def fault_round(kind: str, rng: random.Random, big: str, grace: float) -> dict[str, Any]:
    server = Server()
    try:
        server.initialize({"jedi": False})
        small = training_script(300)
        for i in range(3):
            server.open(f"file:///tmp/gg_soak/small{i}.py", small)
        if kind == "analysis":
            uri = "file:///tmp/gg_soak/big.py"
            server.open(uri, big)
            for version in range(2, 2 + rng.randrange(0, 4)):
                change = {"text": big + f"# edit {version}\n"}
                params = {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [change],
                }
                server.send({"method": "textDocument/didChange", "params": params})
            delay = rng.uniform(0.2, 3.0)
        else:
            uri = "file:///tmp/gg_soak/cells.py"
            server.open(uri, SLOW_CELL)
            arguments = [{"uri": uri, "cell": 2, "timeout": 120, "quiet": True}]
            command = {"command": "gradguard.verifyCell", "arguments": arguments}
            server.send({"id": 1000, "method": "workspace/executeCommand", "params": command})
            delay = rng.uniform(0.5, 6.0)
        time.sleep(delay)
        count, left, seconds = kill_and_count(server, grace)
        return {"kind": kind, "delay": delay, "processes": count, "left": left, "gone": seconds}
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def notebook_params(uri: str, cells: list[str]) -> dict[str, Any]:
    cell_uris = [f"vscode-notebook-cell:{uri[len('file:') :]}#c{i}" for i in range(len(cells))]
    return {
        "notebookDocument": {
            "uri": uri,
            "notebookType": "jupyter-notebook",
            "version": 1,
            "cells": [{"kind": 2, "document": c} for c in cell_uris],
        },
        "cellTextDocuments": [
            {"uri": c, "languageId": "python", "version": 1, "text": text}
            for c, text in zip(cell_uris, cells, strict=True)
        ],
    }


def memory_run(args: argparse.Namespace, big: str) -> dict[str, Any]:
    server = Server()
    pid = server.process.pid
    figures: dict[str, Any] = {}
    try:
        server.initialize({"jedi": False})
        server.open("file:///tmp/gg_soak/warm.py", training_script(300))
        server.diagnostics("file:///tmp/gg_soak/warm.py", 60)
        close("file:///tmp/gg_soak/warm.py", server)
        time.sleep(3)
        figures["start"] = resident_mb({pid, *descendants(pid)})
        peak = figures["start"]
        opened = time.monotonic()
        server.open("file:///tmp/gg_soak/big.py", big)
        cells = [training_script(args.cell_lines, variant=i) for i in range(args.cells)]
        notebook = "file:///tmp/gg_soak/big.ipynb"
        opened_notebook = notebook_params(notebook, cells)
        server.send({"method": "notebookDocument/didOpen", "params": opened_notebook})
        cell_uris = [c["uri"] for c in opened_notebook["cellTextDocuments"]]
        waiting = {"file:///tmp/gg_soak/big.py", cell_uris[0]}
        deadline = time.monotonic() + args.analysis_timeout
        while waiting and time.monotonic() < deadline:
            try:
                message = server.messages.get(timeout=0.5)
            except queue.Empty:
                message = {}
            if message.get("method") == "textDocument/publishDiagnostics":
                waiting.discard(message["params"]["uri"])
            peak = max(peak, resident_mb({pid, *descendants(pid)}))
        figures["analysed"] = not waiting
        figures["first_diagnostics_s"] = time.monotonic() - opened
        settle_until = time.monotonic() + 5  # the full passes after the quick ones
        while time.monotonic() < settle_until:
            peak = max(peak, resident_mb({pid, *descendants(pid)}))
            time.sleep(0.2)
        figures["peak"] = peak
        close("file:///tmp/gg_soak/big.py", server)
        cell_ids = [{"uri": uri} for uri in cell_uris]
        closed = {"notebookDocument": {"uri": notebook}, "cellTextDocuments": cell_ids}
        server.send({"method": "notebookDocument/didClose", "params": closed})
        figures["end"] = settle(pid, 30.0)
        before = descendants(pid)
        server.request("shutdown", None)
        server.send({"method": "exit"})
        figures["exit_status"] = server.process.wait(30)
        time.sleep(1)
        figures["left_after_exit"] = len(running(before))
        return figures
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def close(uri: str, server: Server) -> None:
    server.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})


def settle(pid: int, within: float) -> float:
    """Resident memory once it stopped falling: at least 5 s after the close (a worker being
    replaced takes a moment to go), then 3 s without a drop of 2 MB, or at `within`."""
    started = time.monotonic()
    last = resident_mb({pid, *descendants(pid)})
    stable_since = started
    while time.monotonic() - started < within:
        time.sleep(0.25)
        now = resident_mb({pid, *descendants(pid)})
        if now < last - 2:
            last, stable_since = now, time.monotonic()
        if time.monotonic() - started >= 5 and time.monotonic() - stable_since >= 3:
            break
    return resident_mb({pid, *descendants(pid)})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--grace", type=float, default=5.0, help="seconds a leftover may take")
    parser.add_argument("--big-lines", type=int, default=20_000)
    parser.add_argument("--cells", type=int, default=10)
    parser.add_argument("--cell-lines", type=int, default=2_000)
    parser.add_argument("--analysis-timeout", type=float, default=120.0)
    parser.add_argument("--memory-slack", type=float, default=50.0)
    parser.add_argument("--no-verify", action="store_true", help="analysis rounds only")
    args = parser.parse_args()
    if not Path("/proc/self/stat").exists():
        print("server_soak: needs /proc (Linux)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    big = training_script(args.big_lines)
    kinds = ["analysis"] if args.no_verify else ["analysis", "verify"]
    left_total = 0
    print(f"fault rounds ({args.rounds}, seed {args.seed}, grace {args.grace:g} s):")
    for index in range(args.rounds):
        row = fault_round(kinds[index % len(kinds)], rng, big, args.grace)
        left_total += row["left"]
        print(
            f"  {index + 1:2d} {row['kind']:8s} killed after {row['delay']:4.1f} s: "
            f"{row['processes']} processes below the server, {row['left']} left running "
            f"(all gone after {row['gone']:.2f} s)"
        )
    print(f"leftover processes: {left_total}")
    figures = memory_run(args, big)
    grew = figures["end"] - figures["start"]
    print(
        f"memory (server + descendants, VmRSS): start {figures['start']:.0f} MB, peak "
        f"{figures['peak']:.0f} MB ({args.big_lines:,}-line file + {args.cells} x "
        f"{args.cell_lines:,}-line notebook, first diagnostics of both after "
        f"{figures['first_diagnostics_s']:.1f} s{'' if figures['analysed'] else ', timed out'}), "
        f"after closing all {figures['end']:.0f} MB ({grew:+.0f} MB)"
    )
    print(
        f"clean exit: status {figures['exit_status']}, {figures['left_after_exit']} processes left"
    )
    ok = left_total == 0 and figures["left_after_exit"] == 0 and grew <= args.memory_slack
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
