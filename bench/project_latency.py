"""Editor latency of project-wide analysis, measured as a client sees it (figures only).

Why: following imports means an edit in `train.py` re-runs what it imports from `models/`, and
an edit in a module must reach every open document that imports it. Targets (issue 9): an edit
in a 300-line `train.py` that imports a 2,000-line models package, p95 < 150 ms to
diagnostics; an edit in a module imported by 5 open files re-publishes all 5 within 1 s.

What is measured, with the real server (`python -m gradguard server` over stdio, jedi off so
only the quick pass is timed) on a project generated in a temporary directory:

1. `models/` is a package of four 500-line modules (configs, attention blocks, encoders,
   training helpers) re-exported by `models/__init__.py`; `train.py` (300 lines) imports from
   it and uses a model class and a helper. Edits into `train.py` (typing in a comment, adding
   and removing a hazard) -> p50/p95/max from didChange to that version's diagnostics.
2. Five open scripts `run_0.py` ... `run_4.py` import `models/ops.py`; `ops.py` is open and
   edited (its helper turns unsafe, then safe again): time from the didChange to the moment
   all five scripts' diagnostics have been published again -> p50/max over the rounds.
3. A workspace of 1,000 generated files (50 packages of 20 modules importing each other and
   a shared helper) opened as the workspace folder: the server indexes it; one helper module
   is opened (its importers, not open, are analysed in the background); once all is quiet,
   the resident memory of the server and its workers (Linux /proc) -> target < 250 MB.

    python bench/project_latency.py [--edits 60] [--rounds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lsp_latency import (
    BLOCK,
    FOOTER,
    LIBRARY_BLOCK,
    LIBRARY_HEADER,
    Bench,
    _generate,
    children,
    describe,
    edit_latencies,
    rss_mb,
    server_pid,
)
from lsprotocol import types

TRAIN_HEADER = '''"""Training script of the generated project: the model comes from models/."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from models import Encoder0, make_batch0
from models.ops import scale_

'''
OPS_SAFE = "def scale_(x, s):\n    return x * s\n"
OPS_UNSAFE = "def scale_(x, s):\n    x.mul_(s)\n    return x\n"
RUN = """import torch

from models.ops import scale_

x = torch.randn(4, 4, requires_grad=True)
y = torch.sigmoid(x)
scale_(y, 2.0)
y.sum().backward()
"""


def make_project(root: Path) -> dict[str, Path]:
    (root / "pyproject.toml").write_text("[project]\nname = 'bench'\n")
    models = root / "models"
    models.mkdir()
    names = []
    for index in range(4):
        text = _generate(LIBRARY_HEADER, LIBRARY_BLOCK.replace("{n}", f"{index}_{{n}}"), "", 500)
        if index == 0:
            text += BLOCK.format(n=0)
        (models / f"part{index}.py").write_text(text)
        names.append(f"part{index}")
    (models / "ops.py").write_text(OPS_SAFE)
    (models / "__init__.py").write_text(
        "".join(f"from .{name} import *\n" for name in names) + "from . import ops\n"
    )
    train = _generate(TRAIN_HEADER, BLOCK.replace("{n}", "1{n}"), FOOTER, 300)
    (root / "train.py").write_text(train)
    files = {"train": root / "train.py", "ops": models / "ops.py"}
    for index in range(5):
        path = root / f"run_{index}.py"
        path.write_text(RUN)
        files[f"run_{index}"] = path
    return files


async def fan_out(bench: Bench, files: dict[str, Path], rounds: int) -> list[float]:
    ops_uri = files["ops"].as_uri()
    runs = [files[f"run_{i}"].as_uri() for i in range(5)]
    await bench.open(ops_uri, OPS_SAFE)
    for uri in runs:
        await bench.open(uri, RUN)
    await bench.quiet(1.0)
    times = []
    text = OPS_SAFE
    for version in range(2, rounds + 2):
        text = OPS_UNSAFE if text == OPS_SAFE else OPS_SAFE
        sent = time.perf_counter()
        for uri in runs:  # the scripts are not edited: each publish is for their version 1
            bench.arrivals.pop((uri, 1), None)
        bench.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=ops_uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        deadline = sent + 30
        while (
            not all((uri, 1) in bench.arrivals for uri in runs) and time.perf_counter() < deadline
        ):
            bench.event.clear()
            try:
                await asyncio.wait_for(bench.event.wait(), 1.0)
            except asyncio.TimeoutError:
                continue
        times.append(max(bench.arrivals.get((uri, 1), float("inf")) for uri in runs) - sent)
        await bench.quiet(0.5)
    return times


def make_workspace(root: Path, packages: int = 50, modules: int = 20) -> Path:
    """`packages` x `modules` files; each module imports the shared helper and its
    neighbour, and defines a small model; returns the helper's path."""
    (root / "pyproject.toml").write_text("[project]\nname = 'big'\n")
    (root / "common.py").write_text(OPS_UNSAFE)
    for p in range(packages):
        pkg = root / f"pkg{p}"
        pkg.mkdir()
        (pkg / "__init__.py").write_text("")
        for m in range(modules - 1):
            neighbour = f"from .mod{m - 1} import Block{m - 1}\n" if m else ""
            (pkg / f"mod{m}.py").write_text(
                "import torch\nimport torch.nn as nn\n\nfrom common import scale_\n"
                + neighbour
                + f"\n\nclass Block{m}(nn.Module):\n    def __init__(self):\n"
                "        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n"
                "    def forward(self, x):\n        return scale_(torch.tanh(self.fc(x)), 2.0)\n"
            )
    return root / "common.py"


async def workspace_memory(root: Path) -> None:
    helper = make_workspace(root)
    bench = Bench()
    await bench.client.start_io(sys.executable, "-m", "gradguard", "server")
    await bench.client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                        related_information=True, version_support=True, data_support=True
                    )
                )
            ),
            initialization_options={"gradguard": {"jedi": False}},
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="big")],
        )
    )
    bench.client.initialized(types.InitializedParams())
    started = time.perf_counter()
    await bench.open(helper.as_uri(), OPS_UNSAFE)
    await bench.quiet(3.0)  # the index, then the importers' background analyses
    pid = server_pid()
    if pid is None:
        print("resident memory: not measurable here (needs Linux /proc)")
    else:
        server = rss_mb(pid)
        workers = [rss_mb(child) for child in children(pid)]
        print(
            f"1,000-file workspace indexed, a helper imported by all of it open "
            f"({time.perf_counter() - started:.1f} s to quiet): server {server:.0f} MB + "
            f"{len(workers)} child processes {sum(workers):.0f} MB = "
            f"{server + sum(workers):.0f} MB resident"
        )
    await bench.stop()


async def main(edits: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = make_project(Path(tmp))
        bench = Bench()
        await bench.start(jedi=False)
        text = files["train"].read_text()
        uri = files["train"].as_uri()
        first = await bench.open(uri, text)
        print(
            f"train.py (300 lines) importing a 2,000-line models package: first diagnostics "
            f"{first * 1000:.0f} ms ({bench.findings[(uri, 1)]} findings)"
        )
        print(
            describe(
                "didChange train.py -> diagnostics", await edit_latencies(bench, uri, text, edits)
            )
        )
        await bench.stop()

        bench = Bench()
        await bench.start(jedi=False)
        times = await fan_out(bench, files, rounds)
        ms = [t * 1000 for t in times]
        print(
            f"edit of models/ops.py -> all 5 importing open files re-published: n={len(ms)} "
            f"p50 {statistics.median(ms):.0f} ms, max {max(ms):.0f} ms"
        )
        await bench.stop()
    with tempfile.TemporaryDirectory() as tmp:
        await workspace_memory(Path(tmp))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.edits, args.rounds))
