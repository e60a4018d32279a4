"""Checking files and directories (what `gradguard check` does, without the command line):
each file is analysed with its project's modules followed; a finding located in another file
than the one whose analysis found it is filed under that file, once, however many checked
files reach it; `--fix` edits every file a chosen fix touches."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import Finding, check_source
from .analysis.edits import apply_edits, plan_fixes
from .analysis.findings import most_severe
from .analysis.module_cache import settle_for_batch
from .analysis.parsing import decode_source
from .config import Config
from .notebook_cells import ipynb_code_cells, join_cells, python_view
from .project import loader_for
from .project.index import EXCLUDED_DIRS

DEFAULT_EXCLUDES = EXCLUDED_DIRS  # what a directory walk skips (virtual envs, builds, caches)
MAX_FILE_BYTES = 10_000_000


@dataclass
class FileResult:
    """Findings located in one file. Locations with an empty path are in this file; others
    (related locations and fix edits in other modules) carry their absolute path."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fixed: int = 0
    # for a .ipynb: the 0-based line at which each code cell starts in the joined program
    cell_starts: list[int] | None = None


def iter_python_files(paths: Sequence[str], excludes: frozenset[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            yield p
            continue
        if not p.is_dir():
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in excludes and not d.endswith(".egg-info"))
            for name in sorted(files):
                if name.endswith((".py", ".pyi", ".ipynb")) and name not in excludes:
                    yield Path(root) / name


def check_file(path: str, config: Config) -> FileResult:
    """One file's analysis (findings it reaches in other files included, with their paths).
    A notebook's code cells are checked together, in order (lines reported per cell); its
    imports resolve from the notebook's folder, as a kernel started there would."""
    result = FileResult(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            result.problems.append(f"skipped: file too large ({size:,} bytes)")
            return result
        data = Path(path).read_bytes()
    except OSError as exc:
        result.problems.append(f"cannot read: {exc.strerror or exc}")
        return result
    if path.endswith(".ipynb"):
        try:
            cells = ipynb_code_cells(data)
        except ValueError as exc:
            result.problems.append(str(exc))
            return result
        source, result.cell_starts = join_cells([python_view(c) for c in cells])
        return _analyse(result, source, None, config)
    text, problem = decode_source(data)
    return _analyse(result, text, problem, config)


def _analyse(result: FileResult, source: str, problem: str | None, config: Config) -> FileResult:
    modules = loader_for(result.path, config.src) if config.follow_imports else None
    try:
        report = check_source(
            source,
            os.path.abspath(result.path),
            use_jedi=config.jedi,
            select=config.select,
            ignore=config.ignore,
            modules=modules,
        )
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a whole run
        result.problems.append(f"internal error: {type(exc).__name__}: {exc}")
        return result
    result.findings = report.findings
    result.problems = ([problem] if problem else []) + report.problems
    settle_for_batch()
    return result


def check_many(files: list[str], config: Config, jobs: int) -> list[FileResult]:
    """Check every file (in parallel when there are many), then file each finding under the
    file it is located in."""
    if jobs <= 1 or len(files) < 8:
        results = [check_file(f, config) for f in files]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(
                pool.map(
                    check_file,
                    files,
                    [config] * len(files),
                    chunksize=max(1, len(files) // (jobs * 8)),
                )
            )
    return relocate(results)


def relocate(results: list[FileResult]) -> list[FileResult]:
    """Move each finding to the result of the file it is located in (adding a result for a
    module that was reached but not asked for), restated relative to that file; the same
    finding reached from several files is kept once, at its most severe."""
    by_path = {os.path.abspath(r.path): r for r in results}
    out = list(results)
    moved: list[tuple[FileResult, Finding]] = []
    for r in results:
        own = os.path.abspath(r.path)
        kept: list[Finding] = []
        for f in r.findings:
            if not f.path:
                kept.append(f)
                continue
            home = f.path
            target = by_path.get(home)
            if target is None:
                target = by_path[home] = FileResult(display_path(home))
                out.append(target)
            moved.append((target, f.with_paths(functools.partial(_rebase, own=own, home=home))))
        r.findings = kept
    for target, f in moved:
        target.findings.append(f)
    for r in out:
        r.findings = most_severe(r.findings)
    return out


def _absolute(path: str, own: str) -> str:
    return path or own


def _rebase(path: str, own: str, home: str) -> str:
    """A location's path as seen from `home`: "" for home itself, absolute for the rest."""
    absolute = path or own
    return "" if absolute == home else absolute


def display_path(path: str) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def apply_preferred_fixes(results: list[FileResult]) -> int:
    """Apply each finding's preferred fix where it overlaps no other chosen fix, in every
    file it edits (one plan over all files: two findings may fix the same module); returns
    how many fixes were applied. Notebooks are not edited."""
    fixes = []
    for r in results:
        if r.cell_starts is not None:
            continue
        own = os.path.abspath(r.path)
        for f in r.findings:
            if f.fixes:
                fix = f.with_paths(functools.partial(_absolute, own=own)).fixes[0]
                if not any(e.span.path.endswith(".ipynb") for e in fix.edits):
                    fixes.append(fix)
    chosen, count = plan_fixes(fixes)
    for path, edits in chosen.items():
        try:
            text, _ = decode_source(Path(path).read_bytes())
        except OSError:
            continue
        new_text = apply_edits(text, edits)
        if new_text != text:
            Path(path).write_text(new_text, encoding="utf-8")
    return count
