"""Time to first and to complete diagnostics for a giant document, and whether a small
document opened right after waits for it.

Why: issue 13 item 10 (a 50k-line file took 6-12 s to its first diagnostics). The server
publishes a partial result (a bounded prefix of the file) first, then the complete one.

What is measured (client-side wall clock from didOpen, `gradguard server` over stdio): for a
generated file of many small torch functions with one in-place hazard near the top,
- first: the first `publishDiagnostics` for it, and whether it already shows the hazard;
- complete: its last publication (the server logs when the first one was partial);
- small: a 10-line document with a hazard opened right after the giant: its diagnostics.
Prints the figures; asserts nothing.

Run from the repository root with the project's venv::

    python bench/giant_latency.py --lines 50000
"""

from __future__ import annotations

import argparse
import queue
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lsp_latency import training_script
from server_soak import Server

HAZARD_FN = """
def hazard():
    x = torch.ones(3, requires_grad=True)
    y = x.sigmoid()
    y.mul_(2)
    y.sum().backward()
"""

SMALL_FN = """
def f{n}(a: torch.Tensor) -> torch.Tensor:
    b = a * 2
    c = torch.relu(b)
    return c + 1
"""

SMALL_DOC = "import torch\n" + HAZARD_FN


def giant(lines: int) -> str:
    """`lines` lines: the hazard near the top, then small functions (5 lines each)."""
    head = "import torch\n" + HAZARD_FN
    count = max(0, (lines - head.count("\n")) // SMALL_FN.count("\n"))
    return head + "".join(SMALL_FN.format(n=n) for n in range(count))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=50000)
    parser.add_argument("--jedi", choices=("on", "off", "default"), default="default")
    parser.add_argument("--kind", choices=("functions", "training"), default="functions")
    args = parser.parse_args()
    if args.kind == "training":  # lsp_latency's training script, with the hazard on top
        text = "import torch\n" + HAZARD_FN + training_script(args.lines)
    else:
        text = giant(args.lines)
    server = Server()
    server.initialize({} if args.jedi == "default" else {"jedi": args.jedi == "on"})
    time.sleep(1.0)  # workers warm up
    uri = "file:///tmp/gg_giant.py"
    small = "file:///tmp/gg_small.py"
    start = time.perf_counter()
    server.open(uri, text)
    server.open(small, SMALL_DOC)
    events: list[tuple[float, str, int, str]] = []
    while True:  # until 15 s pass without a message (the complete result comes last)
        try:
            message = server.wait_for(
                lambda m: (
                    m.get("method") in ("textDocument/publishDiagnostics", "window/logMessage")
                ),
                120.0 if not events else 15.0,
            )
        except queue.Empty:
            break
        at = time.perf_counter() - start
        params = message["params"]
        if message["method"] == "window/logMessage":
            if "partial" in params["message"] and "gg_giant" in params["message"]:
                print(f"{at:7.2f} s  log: {params['message']}")
            continue
        codes = ",".join(sorted({d.get("code", "?") for d in params["diagnostics"]}))
        name = "giant" if params["uri"] == uri else "small"
        events.append((at, name, len(params["diagnostics"]), codes))
    lines = text.count("\n")
    for at, name, count, codes in events:
        print(f"{at:7.2f} s  {name:5}  {count} diagnostics  {codes}")
    giant_events = [e for e in events if e[1] == "giant"]
    small_events = [e for e in events if e[1] == "small"]
    print(f"giant: {lines} lines")
    if giant_events:
        print(f"first diagnostics of the giant: {giant_events[0][0]:.2f} s")
        print(f"complete diagnostics of the giant: {giant_events[-1][0]:.2f} s")
    if small_events:
        print(f"small document opened after it: {small_events[0][0]:.2f} s")
    server.process.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
