"""What runs in the analysis worker processes: one engine call per request, never raising.

Kept free of pygls/lsprotocol imports so that workers start fast and stay small. Any exception
from the engine comes back as `AnalysisOutcome.error` (with its traceback) for the server to log.
"""

from __future__ import annotations

import ast
import gc
import os
import re
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..analysis import Finding, check_source
from ..analysis.incremental import AnalysisCache
from ..notebook_cells import cell_line_count, join_cells, python_view
from ..project import ProjectModules, find_project_root, loader_for
from .lifeline import watch_parent
from .memory import resident_bytes

# per-document caches of the incremental analysis, in this worker (most recently used last)
_CACHES: OrderedDict[str, AnalysisCache] = OrderedDict()
_CACHES_LOCK = threading.Lock()
MAX_CACHED_DOCUMENTS = 32


@dataclass(frozen=True)
class AnalysisRequest:
    source: str
    engine_path: str
    cells: tuple[str, ...] = ()  # notebook cells: the source is built from them
    use_jedi: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    incremental: bool = False  # reuse this worker's results for unchanged definitions
    background: bool = False  # the full pass after typing pauses: low priority
    follow_imports: bool = True  # follow calls into the project's own modules
    # open documents' unsaved text by file path: imports read it before the disk's
    overlay: tuple[tuple[str, str], ...] = ()
    workspace_root: str | None = None  # the project root when no marker file says otherwise
    # > 0: analyse only the top-level statements (cells) that start in about these first lines
    prefix_lines: int = 0


@dataclass(frozen=True)
class AnalysisOutcome:
    findings: tuple[Finding, ...] = ()
    problems: tuple[str, ...] = ()
    error: str | None = None  # an internal error: the document gets no diagnostics
    seconds: float = 0.0
    reused: int = 0  # definitions replayed from the cache instead of analysed
    modules: tuple[str, ...] = ()  # files of the project modules the analysis read
    resident: int | None = None  # bytes the worker held once done (None: unknown)
    partial_lines: int = 0  # > 0: only this prefix (lines) was analysed, not the whole


def analyse(request: AnalysisRequest) -> AnalysisOutcome:
    started = time.perf_counter()
    try:
        source = request.source
        cells = request.cells
        partial_lines = 0
        if request.prefix_lines > 0:
            if cells:
                cells, partial_lines = _cells_prefix(cells, request.prefix_lines)
            else:
                source, partial_lines = _source_prefix(source, request.prefix_lines)
        if cells:
            source, _ = join_cells([python_view(cell) for cell in cells])
        cache = _cache_for(request.engine_path) if request.incremental else None
        hits_before = cache.hits if cache is not None else 0
        report = check_source(
            source,
            request.engine_path,
            use_jedi=request.use_jedi,
            select=request.select,
            ignore=request.ignore,
            cache=cache,
            modules=_modules_for(request),
        )
    except Exception:  # noqa: BLE001 - reported to the client, the worker carries on
        if request.incremental:
            _drop_cache(request.engine_path)
        return AnalysisOutcome(
            error=traceback.format_exc(limit=8), seconds=time.perf_counter() - started
        )
    return AnalysisOutcome(
        tuple(report.findings),
        tuple(report.problems),
        None,
        time.perf_counter() - started,
        reused=(cache.hits - hits_before) if cache is not None else 0,
        modules=tuple(report.modules),
        partial_lines=partial_lines,
    )


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")
_DEFINITION = re.compile(r"(?:@|def\b|class\b|async\s+def\b)")
MAX_PREFIX_TRIES = 20


def _source_prefix(source: str, lines: int) -> tuple[str, int]:
    """The source up to the first top-level definition starting after line `lines`, when that
    prefix parses (a cut inside a string or brackets does not): valid Python whose top-level
    statements are the file's own. (source, 0) when there is no such cut."""
    tries = 0
    for number, match in enumerate(_LINE.finditer(source), start=1):
        if number > lines and _DEFINITION.match(source, match.start()):
            prefix = source[: match.start()]
            try:
                ast.parse(prefix)
            except (SyntaxError, ValueError):
                tries += 1
                if tries >= MAX_PREFIX_TRIES:
                    break
            else:
                return prefix, number - 1
    return source, 0


def _cells_prefix(cells: tuple[str, ...], lines: int) -> tuple[tuple[str, ...], int]:
    """The first cells, as many as start within the first `lines` lines (at least one);
    (cells, 0) when that is all of them."""
    taken = 0
    for count, cell in enumerate(cells):
        if taken >= lines and count > 0:
            return cells[:count], taken
        taken += cell_line_count(cell)
    return cells, 0


def analyse_measured(
    analyse_fn: Callable[[AnalysisRequest], AnalysisOutcome], request: AnalysisRequest
) -> AnalysisOutcome:
    """`analyse_fn(request)` with the memory the worker holds afterwards, so that the server can
    recycle a worker that grew too large."""
    return replace(analyse_fn(request), resident=resident_bytes())


def _modules_for(request: AnalysisRequest) -> ProjectModules | None:
    """The project's modules as this document sees them (None: a document with no file)."""
    if not request.follow_imports or not os.path.isabs(request.engine_path):
        return None
    path = Path(request.engine_path)
    root = find_project_root(path)
    if root is None and request.workspace_root is not None:
        root = Path(request.workspace_root)
    return loader_for(path, overlay=dict(request.overlay), root=root)


def _cache_for(path: str) -> AnalysisCache:
    with _CACHES_LOCK:
        cache = _CACHES.pop(path, None) or AnalysisCache()
        _CACHES[path] = cache
        while len(_CACHES) > MAX_CACHED_DOCUMENTS:
            _CACHES.popitem(last=False)
        return cache


def _drop_cache(path: str) -> None:
    with _CACHES_LOCK:
        _CACHES.pop(path, None)


def warm_up() -> None:
    """Import the engine, load its op table and run it once, so the first request is fast.

    Then the garbage collector is told to leave what is loaded now alone (`gc.freeze`): the
    collections an analysis triggers no longer scan the engine and its op table (measured:
    p95 of an edit of a 5,000-line file 260-300 ms before, 200-280 ms after; raising the
    collection thresholds instead made p50 better and p95 far worse)."""
    check_source("import torch\nx = torch.ones(1, requires_grad=True)\nx.add_(1)\n", "<warm-up>")
    gc.collect()
    gc.freeze()


def start_worker_process(low_priority: bool) -> None:
    """Initializer of every analysis worker process: end with the server (see lifeline.py); a
    background worker yields to the quick ones on a busy machine; then warm up."""
    watch_parent()
    if low_priority and hasattr(os, "nice"):
        os.nice(10)
    warm_up()
