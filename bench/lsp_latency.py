"""Measure the language server as an editor sees it: diagnostics latency and resident memory.

Why: gradguard's diagnostics must keep up with typing. The issue's targets are, after an edit,
p95 < 100 ms on a typical 300-line training script and < 300 ms on a 5,000-line file; first
diagnostics after opening a file < 500 ms; resident memory < 200 MB with 50 files open. This
script prints the figures; it never asserts timings.

What is measured (client-side wall clock, `time.perf_counter`, from sending the notification to
receiving the `textDocument/publishDiagnostics` for that exact document version), with the real
server started as `python -m gradguard server` over stdio and driven by pygls' LanguageClient:

1. for each of the two generated files (a 300-line training script and a 5,000-line module of
   models, data code and training loops, both with a few real in-place hazards):
   - open: didOpen of a fresh URI -> its diagnostics, repeated `--opens` times (the first open
     of the session is reported separately: it pays for the worker's first analysis);
   - edit: `--edits` successive edits (typing into a comment, adding and removing a hazard
     line, so the set of findings changes) each waited for before the next -> p50/p95/max.
     This includes the server's debounce (default 40 ms).
2. memory: 50 distinct 300-line files opened, all diagnostics received (and then 2 s without
   any), then the resident set (VmRSS from /proc, Linux only) of the server process and of its
   child processes (analysis workers).

Settings are the server's defaults unless `--jedi on|off` is given. Each change gets a quick
analysis (what is timed here): incremental, replaying the functions whose text and dependencies
did not change from the worker's cache. Once typing pauses (0.3 s), a full analysis (with jedi
when it is on) follows in a low-priority worker of its own; it competes for the CPU with the
quick ones.

Run from the repository root with the project's venv::

    python bench/lsp_latency.py                 # defaults: --edits 60 --opens 10
    python bench/lsp_latency.py --edits 200 --opens 30 --jedi off
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HEADER = '''"""Training script: models, data, and a loop with the usual in-place slips."""
import torch
import torch.nn as nn
import torch.nn.functional as F

'''

BLOCK = """

class Encoder{n}(nn.Module):
    def __init__(self, dim: int = 16, hidden: int = 32) -> None:
        super().__init__()
        self.proj = nn.Linear(dim, hidden)
        self.norm = nn.LayerNorm(hidden)
        self.out = nn.Linear(hidden, dim)
        self.drop = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.proj(x)
        h = self.norm(h)
        h = F.gelu(h)
        h = self.drop(h)
        return self.out(h) + x


class Gate{n}(nn.Module):
    def __init__(self, dim: int = 16) -> None:
        super().__init__()
        self.lin = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        g = torch.sigmoid(self.lin(x))
        return x * g


def make_batch{n}(batch: int = 8, dim: int = 16) -> tuple[torch.Tensor, torch.Tensor]:
    inputs = torch.randn(batch, dim)
    targets = torch.randn(batch, dim)
    return inputs, targets


def evaluate{n}(model: nn.Module, batches: int = 2) -> float:
    total = 0.0
    with torch.no_grad():
        for _ in range(batches):
            x, y = make_batch{n}()
            pred = model(x)
            total += F.mse_loss(pred, y).item()
    return total / batches


def train{n}(steps: int = 3) -> float:
    model = nn.Sequential(Encoder{n}(), Gate{n}())
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10)
    scale = torch.ones(16, requires_grad=True)
    loss = torch.zeros(())
    for step in range(steps):
        x, y = make_batch{n}()
        feats = torch.tanh(model(x))
        feats += 1
        pred = feats * scale
        loss = F.mse_loss(pred, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 2 == 0:
            with torch.no_grad():
                scale.mul_(0.99)
    return float(loss)


def summarise{n}(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return {{
        "min": ordered[0] if ordered else 0.0,
        "median": ordered[middle] if ordered else 0.0,
        "max": ordered[-1] if ordered else 0.0,
    }}
"""

LIBRARY_BLOCK = """

@dataclass
class Config{n}:
    dim: int = 64
    heads: int = 4
    dropout: float = 0.1
    eps: float = 1e-5


def rotate_half{n}(x: torch.Tensor) -> torch.Tensor:
    first, second = x.chunk(2, dim=-1)
    return torch.cat((-second, first), dim=-1)


def build_mask{n}(length: int) -> torch.Tensor:
    mask = torch.ones(length, length, dtype=torch.bool)
    return torch.triu(mask, diagonal=1)


class Attention{n}(nn.Module):
    def __init__(self, config: Config{n}) -> None:
        super().__init__()
        self.config = config
        self.qkv = nn.Linear(config.dim, 3 * config.dim)
        self.out = nn.Linear(config.dim, config.dim)
        self.drop = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q = rotate_half{n}(q)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.config.dim)
        scores = scores.masked_fill(mask, float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        weights = self.drop(weights)
        return self.out(weights @ v)


class FeedForward{n}(nn.Module):
    def __init__(self, config: Config{n}) -> None:
        super().__init__()
        self.up = nn.Linear(config.dim, 4 * config.dim)
        self.down = nn.Linear(4 * config.dim, config.dim)
        self.act = nn.GELU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(self.act(self.up(x)))


class Block{n}(nn.Module):
    def __init__(self, config: Config{n}) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(config.dim, eps=config.eps)
        self.attn = Attention{n}(config)
        self.norm2 = nn.LayerNorm(config.dim, eps=config.eps)
        self.ff = FeedForward{n}(config)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x), mask)
        h = torch.sigmoid(self.ff(self.norm2(x)))
        h.mul_(2)
        return x + h


def count_parameters{n}(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def describe{n}(config: Config{n}) -> str:
    parts = [f"dim={{config.dim}}", f"heads={{config.heads}}", f"dropout={{config.dropout}}"]
    return ", ".join(parts)
"""

LIBRARY_HEADER = '''"""Model library: configs, attention blocks and helpers, one set per variant."""
import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

'''

FOOTER = """

if __name__ == "__main__":
    print(train0(), evaluate0(nn.Sequential(Encoder0(), Gate0())))
"""


def _generate(header: str, block: str, footer: str, lines: int) -> str:
    parts = [header]
    n = 0
    while sum(p.count("\n") for p in parts) + block.count("\n") + footer.count("\n") <= lines:
        parts.append(block.format(n=n))
        n += 1
    parts.append(footer)
    text = "".join(parts)
    pad = lines - text.count("\n")
    return text + "".join(f"# padding {i}\n" for i in range(max(0, pad)))


def training_script(lines: int, variant: int = 0) -> str:
    """Models, data code and training loops, repeated to `lines` lines."""
    return _generate(HEADER + f"SEED = {variant}\n", BLOCK, FOOTER, lines)


def model_library(lines: int) -> str:
    """Configs, attention blocks and helpers, repeated, ending with one training script."""
    return _generate(LIBRARY_HEADER, LIBRARY_BLOCK, BLOCK.format(n=0) + FOOTER, lines)


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("gradguard-bench", "1")
        self.arrivals: dict[tuple[str, int | None], float] = {}
        self.findings: dict[tuple[str, int | None], int] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            self.arrivals.setdefault(key, time.perf_counter())
            self.findings[key] = len(params.diagnostics)
            self.event.set()

    async def start(self, jedi: bool | None) -> None:
        await self.client.start_io(sys.executable, "-m", "gradguard", "server")
        capabilities = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    related_information=True, version_support=True, data_support=True
                )
            )
        )
        options = {} if jedi is None else {"gradguard": {"jedi": jedi}}
        await self.client.initialize_async(
            types.InitializeParams(
                process_id=os.getpid(), capabilities=capabilities, initialization_options=options
            )
        )
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    async def wait(self, uri: str, version: int, timeout: float = 60.0) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrivals:
            self.event.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no diagnostics for {uri} v{version}")
            try:
                await asyncio.wait_for(self.event.wait(), remaining)
            except asyncio.TimeoutError:
                continue
        return self.arrivals[(uri, version)]

    async def quiet(self, seconds: float) -> None:
        """Wait until no diagnostics have arrived for `seconds`."""
        while True:
            self.event.clear()
            try:
                await asyncio.wait_for(self.event.wait(), seconds)
            except asyncio.TimeoutError:
                return

    async def open(self, uri: str, text: str) -> float:
        sent = time.perf_counter()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="python", version=1, text=text
                )
            )
        )
        return await self.wait(uri, 1) - sent

    async def change(
        self, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str
    ) -> float:
        sent = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            start=types.Position(line=start[0], character=start[1]),
                            end=types.Position(line=end[0], character=end[1]),
                        ),
                        text=text,
                    )
                ],
            )
        )
        return await self.wait(uri, version) - sent


def engine_cpu_ms(text: str) -> float:
    """CPU time of `check_source` alone (best of three), to separate engine from server cost."""
    from gradguard.analysis import check_source

    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        check_source(text, "/bench/file.py")
        best = min(best, time.process_time() - started)
    return best * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def describe(label: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (
        f"{label:<34} n={len(ms):<4} p50 {statistics.median(ms):7.1f} ms   "
        f"p95 {percentile(ms, 0.95):7.1f} ms   max {max(ms):7.1f} ms"
    )


async def edit_latencies(bench: Bench, uri: str, text: str, edits: int) -> list[float]:
    """Type into a comment, then add and remove a hazard line, over and over."""
    lines = text.split("\n")
    comment_line = next(i for i, line in enumerate(lines) if line.startswith('"""'))
    hazard_line = next(i for i, line in enumerate(lines) if "feats += 1" in line)
    column = len(lines[comment_line])
    latencies = []
    for version in range(2, edits + 2):
        step = version % 4
        if step == 0:  # a hazard appears
            start = end = (hazard_line, 0)
            new_text = "        feats.mul_(2)\n"
        elif step == 1:  # and goes away again
            start, end, new_text = (hazard_line, 0), (hazard_line + 1, 0), ""
        else:  # typing in the docstring
            start = end = (comment_line, column)
            new_text = "x"
            column += 1
        latencies.append(await bench.change(uri, version, start, end, new_text))
    return latencies


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def server_pid() -> int | None:
    for pid in children(os.getpid()):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"gradguard" in command and b"server" in command:
            return pid
    return None


async def main(edits: int, opens: int, jedi: bool | None) -> None:
    bench = Bench()
    started = time.perf_counter()
    await bench.start(jedi)
    print(f"server started and initialized in {(time.perf_counter() - started) * 1000:.0f} ms")
    scenarios = [
        ("300-line training script", training_script(300)),
        ("5,000-line model library", model_library(5000)),
        ("5,000-line file of 60 training loops", training_script(5000)),
    ]
    for index, (label, text) in enumerate(scenarios):
        first_uri = f"file:///bench/s{index}_first.py"
        first = await bench.open(first_uri, text)
        print(f"\n{label} ({bench.findings[(first_uri, 1)]} findings)")
        print(f"{'engine alone, in this process':<34} {engine_cpu_ms(text):7.1f} ms CPU")
        print(f"{'first open of this file':<34} {first * 1000:7.1f} ms")
        uris = [f"file:///bench/s{index}_open{i}.py" for i in range(opens)]
        print(describe("didOpen -> diagnostics", [await bench.open(uri, text) for uri in uris]))
        uri = f"file:///bench/s{index}_edit.py"
        await bench.open(uri, text)
        print(describe("didChange -> diagnostics", await edit_latencies(bench, uri, text, edits)))
        for closing in [*uris, uri, first_uri]:
            bench.client.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=closing)
                )
            )
    await bench.stop()

    bench = Bench()
    await bench.start(jedi)
    for i in range(50):
        await bench.open(f"file:///bench/memory_{i}.py", training_script(300, variant=i))
    await bench.quiet(2.0)  # the jedi passes that follow the quick ones have finished too
    pid = server_pid()
    if pid is None:
        print("\nresident memory: not measurable here (needs Linux /proc)")
    else:
        server = rss_mb(pid)
        workers = [rss_mb(child) for child in children(pid)]
        print(
            f"\nresident memory with 50 files open: server {server:.0f} MB, "
            f"{len(workers)} child processes (analysis workers, multiprocessing's resource "
            f"tracker) {sum(workers):.0f} MB "
            f"({', '.join(f'{w:.0f}' for w in workers)}), total {server + sum(workers):.0f} MB"
        )
    await bench.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=60, help="edits per file")
    parser.add_argument("--opens", type=int, default=10, help="opens per file")
    parser.add_argument(
        "--jedi",
        choices=("default", "on", "off"),
        default="default",
        help="the jedi setting sent to the server (default: leave it to the server)",
    )
    args = parser.parse_args()
    jedi = {"default": None, "on": True, "off": False}[args.jedi]
    asyncio.run(main(args.edits, args.opens, jedi))
