"""Measure how fast gradguard's analyzer is compared with merely parsing and walking the code.

Why: gradguard runs inside an editor (LSP) on every change and over whole repositories from the
CLI, so it has to stay within a small factor of the cost of the `ast.parse` it cannot avoid.
This script reports that factor on real code, together with the slowest files, so regressions
and pathological inputs are easy to spot. It only prints figures; it never asserts timings.

What is measured, in one process and one run, each as the best of ``--repeat`` passes
(`time.perf_counter`, and the process's CPU time, steadier when other work shares the machine), with
all files read into memory beforehand so that no I/O is timed:

1. baseline: ``ast.parse`` plus a full ``ast.walk`` over every node of every file;
2. ``gradguard.analysis.check_source(source, path)`` on every file;
3. the same with the project's modules followed (``modules=loader_for(path)``: imports of the
   file's own project resolved on disk, their top level run, calls into them inlined), unless
   ``--no-follow``; its findings located in other files are counted too;
4. with ``--jedi``, also ``check_source(source, path, use_jedi=True)``.

How to run (from the repository root, with the project's venv)::

    python bench/check_speed.py                       # the installed torch's own sources
    python bench/check_speed.py /work/corpus          # any files or directories
    python bench/check_speed.py /work/corpus --limit-files 500 --repeat 1 --jedi

Without PATHS the corpus is the installed torch package's Python sources under torch/nn,
torch/optim, torch/distributions and torch/autograd (located with importlib's find_spec, without
importing torch), minus torch/testing/_internal/common_methods_invocations.py.
Files that fail to parse are counted and skipped by the analyzer passes; files that are not
valid UTF-8 are decoded with errors="replace" and counted.
"""

from __future__ import annotations

import argparse
import ast
import gc
import importlib.util
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_TORCH_SUBDIRS = ("nn", "optim", "distributions", "autograd")
DEFAULT_EXCLUDES = ("testing/_internal/common_methods_invocations.py",)
SKIP_DIR_NAMES = frozenset({".git", "__pycache__", ".venv", "venv", "node_modules", ".tox"})
SLOWEST = 5


@dataclass
class SourceFile:
    path: Path
    text: str
    lines: int
    utf8: bool


@dataclass
class PassResult:
    """Outcome of one measured pass (best of the repeats)."""

    name: str
    files: int = 0
    lines: int = 0
    seconds: float = float("inf")
    cpu_seconds: float = float("inf")  # this process's CPU time: steadier on a shared machine
    per_file: dict[Path, float] = field(default_factory=dict)
    failures: dict[Path, str] = field(default_factory=dict)
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    problems: int = 0
    files_with_problems: int = 0

    @property
    def lines_per_second(self) -> float:
        return self.lines / self.seconds if self.seconds > 0 else float("inf")


def torch_default_paths() -> list[Path]:
    """The torch sources to benchmark on, found without importing torch."""
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("torch is not installed in this interpreter; pass PATHS explicitly")
    root = Path(next(iter(spec.submodule_search_locations)))
    return [root / sub for sub in DEFAULT_TORCH_SUBDIRS if (root / sub).is_dir()]


def collect(paths: Sequence[Path], excludes: Sequence[str]) -> list[Path]:
    found: set[Path] = set()
    for p in paths:
        if p.is_file():
            found.add(p.resolve())
        elif p.is_dir():
            for f in p.rglob("*.py"):
                if f.is_file() and not SKIP_DIR_NAMES.intersection(f.relative_to(p).parts[:-1]):
                    found.add(f.resolve())
        else:
            print(f"warning: no such file or directory: {p}", file=sys.stderr)
    return sorted(f for f in found if not any(f.as_posix().endswith(e) for e in excludes))


def read_source(path: Path) -> SourceFile:
    data = path.read_bytes()
    try:
        text, utf8 = data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        text, utf8 = data.decode("utf-8", errors="replace"), False
    return SourceFile(path, text, len(text.splitlines()), utf8)


def baseline_one(src: SourceFile) -> int:
    tree = ast.parse(src.text, filename=str(src.path))
    n = 0
    for _ in ast.walk(tree):
        n += 1
    return n


def measure(
    name: str,
    sources: Sequence[SourceFile],
    work: Callable[[SourceFile], Any],
    repeat: int,
    on_result: Callable[[PassResult, SourceFile, Any], None] | None = None,
    cold: Callable[[], None] | None = None,
) -> PassResult:
    """Run `work` over all sources `repeat` times; keep the best total and per-file minima.
    `cold` runs before each round, unmeasured: every round starts from nothing kept."""
    res = PassResult(name, files=len(sources), lines=sum(s.lines for s in sources))
    for rep in range(repeat):
        if cold is not None:
            cold()
        gc.collect()
        start, cpu_start = time.perf_counter(), time.process_time()
        for src in sources:
            t0 = time.perf_counter()
            try:
                out = work(src)
            except Exception as exc:
                out = None
                if rep == 0:
                    res.failures[src.path] = f"{type(exc).__name__}: {exc}"
            dt = time.perf_counter() - t0
            prev = res.per_file.get(src.path)
            res.per_file[src.path] = dt if prev is None else min(prev, dt)
            if rep == 0 and out is not None and on_result is not None:
                on_result(res, src, out)
        res.seconds = min(res.seconds, time.perf_counter() - start)
        res.cpu_seconds = min(res.cpu_seconds, time.process_time() - cpu_start)
    return res


def record_report(res: PassResult, _src: SourceFile, report: Any) -> None:
    findings = getattr(report, "findings", None) or []
    for f in findings:
        sev = getattr(f, "severity", "?")
        res.severities[str(getattr(sev, "label", sev))] += 1
        res.codes[str(getattr(f, "code", "?"))] += 1
    problems = getattr(report, "problems", None) or []
    res.problems += len(problems)
    res.files_with_problems += bool(problems)


def load_check_source() -> tuple[Callable[..., Any] | None, str]:
    """The analyzer entry point, or None and why not (it may not be written yet)."""
    server = Path(__file__).resolve().parent.parent / "server"
    if importlib.util.find_spec("gradguard") is None and server.is_dir():
        sys.path.insert(0, str(server))
    try:
        from gradguard.analysis import check_source  # type: ignore[attr-defined,unused-ignore]
    except ImportError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    fn: Callable[..., Any] = check_source
    return fn, ""


def display_base(files: Sequence[Path]) -> Path:
    """Directory that file names are printed relative to: the deepest one common to all."""
    common = Path(os.path.commonpath([str(f.parent) for f in files]))
    return common.parent if len({f.parent for f in files}) == 1 else common


def shorten(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def print_pass(res: PassResult, baseline: PassResult | None, base: Path) -> None:
    print(f"\n== {res.name}")
    print(
        f"  files {res.files}, lines {res.lines}, {res.seconds:.3f} s "
        f"({res.cpu_seconds:.3f} s CPU), {res.lines_per_second:,.0f} lines/s"
    )
    if baseline is not None and baseline.seconds > 0 and baseline.cpu_seconds > 0:
        print(
            f"  ratio to baseline: {res.seconds / baseline.seconds:.2f}x "
            f"(CPU time: {res.cpu_seconds / baseline.cpu_seconds:.2f}x)"
        )
    if res.failures:
        print(f"  raised on {len(res.failures)} file(s); first few:")
        for p, msg in list(res.failures.items())[:5]:
            print(f"    {shorten(p, base)}: {msg[:160]}")
    if baseline is not None:
        total = sum(res.severities.values())
        sev = ", ".join(f"{k} {v}" for k, v in sorted(res.severities.items())) or "none"
        print(f"  findings: {total} ({sev})")
        if res.codes:
            print("  by code: " + ", ".join(f"{c} {n}" for c, n in res.codes.most_common(12)))
        print(f"  report problems: {res.problems} in {res.files_with_problems} file(s)")
    print(f"  {SLOWEST} slowest files:")
    for p, dt in sorted(res.per_file.items(), key=lambda kv: kv[1], reverse=True)[:SLOWEST]:
        print(f"    {dt * 1000:10.2f} ms  {shorten(p, base)}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("paths", nargs="*", type=Path, help="files/directories (default: torch)")
    ap.add_argument("--jedi", action="store_true", help="also time check_source(use_jedi=True)")
    ap.add_argument("--limit-files", type=int, default=None, metavar="N")
    ap.add_argument("--repeat", type=int, default=3, metavar="R", help="best of R (default 3)")
    ap.add_argument("--no-follow", action="store_true", help="skip the cross-module pass")
    args = ap.parse_args(argv)
    repeat = max(1, args.repeat)

    roots: list[Path] = list(args.paths) if args.paths else torch_default_paths()
    files = collect(roots, () if args.paths else DEFAULT_EXCLUDES)
    if args.limit_files is not None:
        files = files[: max(0, args.limit_files)]
    if not files:
        print("no .py files found", file=sys.stderr)
        return 1

    shown = display_base(files)
    sources = [read_source(p) for p in files]  # all I/O happens here, before any timing
    print(f"corpus: {', '.join(str(r) for r in roots)}")
    print(
        f"files {len(sources)}, lines {sum(s.lines for s in sources)}, "
        f"non-UTF-8 {sum(not s.utf8 for s in sources)}, best of {repeat}, "
        f"Python {sys.version.split()[0]}"
    )

    check_source, why = load_check_source()
    if check_source is not None:
        # every pass, the baseline included, with the collector settings `gradguard check` uses
        from gradguard.analysis.module_cache import BATCH_GC_THRESHOLDS

        gc.set_threshold(*BATCH_GC_THRESHOLDS)
    print(f"gc thresholds {gc.get_threshold()}")

    base = measure("baseline: ast.parse + ast.walk", sources, baseline_one, repeat)
    print_pass(base, None, shown)
    if base.failures:
        print(f"  ({len(base.failures)} file(s) do not parse; excluded from analyzer passes)")

    if check_source is None:
        print(f"\ngradguard.analysis.check_source is not available ({why}); analyzer skipped")
        return 0

    parsed = [s for s in sources if s.path not in base.failures]
    base_ok = base
    if base.failures:  # baseline on exactly the files the analyzer sees, for a fair ratio
        base_ok = measure("baseline (parseable files only)", parsed, baseline_one, repeat)
        print_pass(base_ok, None, shown)

    def plain(src: SourceFile) -> Any:
        return check_source(src.text, str(src.path))

    def with_jedi(src: SourceFile) -> Any:
        return check_source(src.text, str(src.path), use_jedi=True)

    print_pass(measure("check_source", parsed, plain, repeat, record_report), base_ok, shown)
    if not args.no_follow:
        from gradguard.analysis.module_cache import settle_for_batch
        from gradguard.project import loader_for

        def follow(src: SourceFile) -> Any:
            report = check_source(src.text, str(src.path), modules=loader_for(src.path))
            settle_for_batch()  # as `gradguard check` does between files
            return report

        from gradguard.analysis.module_cache import batch_run, forget_kept
        from gradguard.analysis.modules import forget_parses

        def cold() -> None:
            """Each round parses and runs the imported modules again, as the first did (a
            second round reusing what the first kept would flatter the figure)."""
            forget_kept()
            forget_parses()

        with batch_run():  # as `gradguard check` runs a tree
            res = measure(
                "check_source, project modules followed",
                parsed,
                follow,
                repeat,
                record_report,
                cold=cold,
            )
        print_pass(res, base_ok, shown)
    if args.jedi:
        res = measure("check_source(use_jedi=True)", parsed, with_jedi, repeat, record_report)
        print_pass(res, base_ok, shown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
