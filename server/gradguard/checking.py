"""Checking files and directories (what `gradguard check` does, without the command line):
each file is analysed with its project's modules followed; a finding located in another file
than the one whose analysis found it is filed under that file, once, however many checked
files reach it; `--fix` edits every file a chosen fix touches. A file that could not be
checked at all says so (`FileResult.unchecked`): the command line must never pass it."""

from __future__ import annotations

import errno
import functools
import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import Finding, check_source
from .analysis.edits import apply_edits, plan_fixes
from .analysis.findings import most_severe
from .analysis.module_cache import batch_run, settle_for_batch, start_batch
from .analysis.parsing import MAX_SOURCE_CHARS, decode_source
from .config import Config
from .notebook_cells import (
    cell_of_line,
    file_name,
    ipynb_code_cells,
    join_cells,
    python_view,
    restate_finding,
    restate_lines,
)
from .project import loader_for
from .project.index import EXCLUDED_DIRS

DEFAULT_EXCLUDES = EXCLUDED_DIRS  # what a directory walk skips (virtual envs, builds, caches)


@dataclass
class FileResult:
    """Findings located in one file. Locations with an empty path are in this file; others
    (related locations and fix edits in other modules) carry their absolute path."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # notes: the file was checked
    fixed: int = 0
    # for a .ipynb: the 0-based line at which each code cell starts in the joined program
    cell_starts: list[int] | None = None
    # the same for the notebooks this file's locations point into (a finding reached from a
    # notebook and located in a module it imports), by absolute path
    other_cell_starts: dict[str, list[int]] = field(default_factory=dict)
    # why the file (or directory) could not be checked at all; None once it was analysed
    unchecked: str | None = None


def iter_python_files(
    paths: Sequence[str],
    excludes: frozenset[str],
    on_error: Callable[[OSError], None] | None = None,
) -> Iterator[Path]:
    """The Python files and notebooks under `paths`; a directory that cannot be listed is
    passed to `on_error` (with its path in `filename`) instead of being skipped silently."""
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            yield p
            continue
        if not p.is_dir():
            continue
        for root, dirs, files in os.walk(p, onerror=on_error):
            dirs[:] = sorted(d for d in dirs if d not in excludes and not d.endswith(".egg-info"))
            for name in sorted(files):
                if name.endswith((".py", ".pyi", ".ipynb")) and name not in excludes:
                    yield Path(root) / name


def collect_files(
    paths: Sequence[str], excludes: frozenset[str]
) -> tuple[list[str], list[FileResult]]:
    """The files to check under `paths`, and a not-checked result for each path or directory
    that cannot be read (a symlink loop, a folder without read permission)."""
    failed: list[FileResult] = []

    def walk_error(exc: OSError) -> None:
        failed.append(
            FileResult(str(exc.filename), unchecked=f"cannot read directory: {_why(exc)}")
        )

    usable: list[str] = []
    for raw in paths:
        try:
            os.stat(raw)
        except OSError as exc:
            failed.append(FileResult(raw, unchecked=f"cannot read: {_why(exc)}"))
            continue
        usable.append(raw)
    files = [str(p) for p in iter_python_files(usable, excludes, walk_error)]
    return files, failed


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def check_file(path: str, config: Config) -> FileResult:
    """One file's analysis (findings it reaches in other files included, with their paths).
    A file larger than `config.max_file_size` is not read (and says so)."""
    try:
        size = os.path.getsize(path)
        if size > config.max_file_size:
            return FileResult(
                path,
                unchecked=f"file too large ({size:,} bytes; the limit is "
                f"{config.max_file_size:,}: raise it with --max-file-size or `max_file_size`)",
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, unchecked=f"cannot read: {_why(exc)}")
    return check_bytes(path, data, config)


def check_bytes(path: str, data: bytes, config: Config) -> FileResult:
    """The analysis of `data` as the file `path` (which need not exist: standard input). A
    notebook's code cells are checked together, in order (lines reported per cell); its
    imports resolve from the notebook's folder, as a kernel started there would."""
    result = FileResult(path)
    if path.endswith(".ipynb"):
        try:
            cells = ipynb_code_cells(data)
        except ValueError as exc:
            result.unchecked = str(exc)
            return result
        source, result.cell_starts = join_cells([python_view(c) for c in cells])
        return _in_cells(_analyse(result, source, None, config))
    text, problem = decode_source(data)
    if "\x00" in text:
        result.unchecked = "contains NUL bytes: not Python source"
        return result
    return _analyse(result, text, problem, config)


# a line that starts a top-level statement a script could stop before
_TOP_LEVEL_START = re.compile(r"^(?!(?:else|elif|except|finally)\b)[A-Za-z_@]", re.MULTILINE)


def analysable_prefix(source: str, limit: int = MAX_SOURCE_CHARS) -> str | None:
    """`source`, or for a text longer than the analysis reads, its top-level statements that
    fit (the part a script runs first, which is what a statement budget covers anyway); None
    when not even one fits."""
    if len(source) <= limit:
        return source
    cut = 0
    for match in _TOP_LEVEL_START.finditer(source, 0, limit):
        before = source.rfind("\n", 0, max(match.start() - 1, 0))
        if not source.startswith("@", before + 1):  # not between a decorator and its def
            cut = match.start()
    return source[:cut] or None


def _analyse(result: FileResult, source: str, problem: str | None, config: Config) -> FileResult:
    modules = loader_for(result.path, config.src) if config.follow_imports else None
    prefix = analysable_prefix(source)
    if prefix is None:
        result.unchecked = f"longer than the analysis reads ({MAX_SOURCE_CHARS:,} characters)"
        return result
    if len(prefix) < len(source):
        kept = prefix.count("\n")
        problem = (f"{problem}; " if problem else "") + (
            f"longer than the analysis reads: lines 1-{kept} analysed, the rest not"
        )
        source = prefix
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
        result.unchecked = f"internal error: {type(exc).__name__}: {exc}"
        return result
    result.findings = report.findings
    result.problems = ([problem] if problem else []) + report.problems
    settle_for_batch()
    return result


def _in_cells(result: FileResult) -> FileResult:
    """A notebook's result with the lines its messages name (counted in the joined cells)
    restated as cell and line, as its locations are."""
    starts = result.cell_starts
    if starts is None:
        return result

    def cell_line(line: int) -> tuple[int, int]:
        index, in_cell = cell_of_line(starts, line)
        return index + 1, in_cell

    name = file_name(result.path)
    result.findings = [restate_finding(f, cell_line, name) for f in result.findings]
    result.problems = [restate_lines(p, cell_line, name, True) for p in result.problems]
    return result


def check_many(files: list[str], config: Config, jobs: int) -> list[FileResult]:
    """Check every file (in parallel when there are many), then file each finding under the
    file it is located in."""
    if jobs <= 1 or len(files) < 8:
        with batch_run():
            results = [check_file(f, config) for f in files]
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=start_batch) as pool:
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
            if r.cell_starts is not None:
                target.other_cell_starts[own] = r.cell_starts
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


@dataclass
class FixPlan:
    """What `--fix` would do: each file's text before and after (absolute paths)."""

    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    count: int = 0  # fixes applied


def plan_preferred_fixes(
    results: list[FileResult],
    texts: Mapping[str, str] | None = None,
    only: Collection[str] | None = None,
    unsafe: bool = False,
) -> FixPlan:
    """Each finding's preferred fix where it overlaps no other chosen fix, in every file it
    edits (one plan over all files: two findings may fix the same module). Notebooks are not
    edited. `texts` stands in for files whose text is not on disk (standard input); with
    `only`, a fix must edit only those files. Unsafe fixes (they change what the code
    computes) only with `unsafe`: otherwise a finding's first safe fix, if any."""
    texts = texts or {}
    fixes = []
    for r in results:
        if r.cell_starts is not None:
            continue
        own = os.path.abspath(r.path)
        for f in r.findings:
            moved = f.with_paths(functools.partial(_absolute, own=own))
            allowed = [x for x in moved.fixes if x.safe or unsafe]
            if allowed:
                fix = allowed[0]
                paths = {e.span.path for e in fix.edits}
                if any(p.endswith(".ipynb") for p in paths):
                    continue
                if only is None or paths <= set(only):
                    fixes.append(fix)
    chosen, count = plan_fixes(fixes)
    plan = FixPlan(count=count)
    for path, edits in chosen.items():
        if path in texts:
            text = texts[path]
        else:
            try:
                text, _ = decode_source(Path(path).read_bytes())
            except OSError:
                continue
        new_text = apply_edits(text, edits)
        if new_text != text:
            plan.changes[path] = (text, new_text)
    return plan


def apply_preferred_fixes(results: list[FileResult]) -> int:
    """Apply the preferred fixes (see `plan_preferred_fixes`) to the files on disk; returns
    how many fixes were applied."""
    plan = plan_preferred_fixes(results)
    for path, (_, new_text) in plan.changes.items():
        Path(path).write_text(new_text, encoding="utf-8")
    return plan.count
