"""Debounced, versioned analysis off the event loop.

Per analysis unit, every request bumps a generation number and (re)starts a short timer; when
it fires, the unit's *current* content is prepared and analysed in a worker process. At most one
analysis per unit runs at a time. A result is delivered only if no newer request arrived since it
started: superseded results are dropped, so nothing older is ever published after something
newer, and the newest request then runs. Workers are separate processes, so a pathological input
can neither freeze the event loop nor take the server down: a crashed pool is replaced and the
request retried once, a stuck analysis is abandoned after a time limit. Background analyses
(the full pass after typing pauses, with jedi several times slower) run in a pool of their own,
so they never hold up the quick ones.

Quick analyses run in *lanes*, one worker process each; a unit keeps its lane (assigned round
robin when it is first seen), so its next analysis finds that worker's incremental cache warm,
unless its lane is busy with a large analysis (another unit's giant document): then it moves to
the least loaded lane, so a small document is never queued behind a giant one.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .memory import DEFAULT_WORKER_MEMORY_MB, MB, WorkerUsage, resident_bytes
from .worker import (
    AnalysisOutcome,
    AnalysisRequest,
    analyse,
    analyse_measured,
    start_worker_process,
    warm_up,
)

Context = TypeVar("Context")

ANALYSIS_TIME_LIMIT_S = 60.0
BACKGROUND = -1  # the lane of background (full, jedi) analyses
# characters of source a quick lane may have running before a unit moves to a less loaded lane
# (about 5,000 lines: an analysis of a second or more)
BUSY_LANE_CHARS = 200_000


@dataclass(eq=False)
class _UnitState:
    idle: asyncio.Event
    generation: int = 0  # bumped by every change; a result is fresh if it is still the same
    timer: asyncio.TimerHandle | None = None
    pending: bool = False  # an analysis was asked for and has not started yet
    running: bool = False
    lane: int = 0  # the quick worker this unit's analyses go to

    def settle_if_done(self) -> None:
        if not self.running and not self.pending:
            self.idle.set()


@dataclass
class SchedulerStats:
    """Counters for tests and benchmarks (how much work the debounce saved)."""

    started: int = 0
    delivered: int = 0
    superseded: int = 0
    failed: int = 0
    pools_replaced: int = 0
    recycled: int = 0  # workers replaced for the memory they held


class AnalysisScheduler(Generic[Context]):
    """`prepare(key)` snapshots a unit (None when it is gone); `deliver` receives fresh results."""

    def __init__(
        self,
        prepare: Callable[[str], tuple[AnalysisRequest, Context] | None],
        deliver: Callable[[str, Context, AnalysisOutcome], None],
        report: Callable[[str], None],
        *,
        workers: int = 2,
        use_processes: bool = True,
        time_limit_s: float = ANALYSIS_TIME_LIMIT_S,
        analyse_fn: Callable[[AnalysisRequest], AnalysisOutcome] = analyse,
        note: Callable[[str], None] | None = None,
    ) -> None:
        self._prepare = prepare
        self._analyse = analyse_fn
        self._deliver = deliver
        self._report = report
        self._note = note or report
        self.memory_limit_mb = DEFAULT_WORKER_MEMORY_MB  # an idle worker past it is recycled
        self._usage: dict[Executor, WorkerUsage] = {}  # worker processes only
        self._nothing_open = False  # release_memory() was called, and nothing asked since
        self._workers = max(1, workers)
        self._use_processes = use_processes
        self._time_limit_s = time_limit_s
        self._executors: dict[int, Executor] = {}  # quick lanes 0.., BACKGROUND
        self._next_lane = 0
        self._lane_load: dict[int, int] = {}  # quick lane -> characters being analysed there
        self._units: dict[str, _UnitState] = {}
        self._tasks: set[asyncio.Future[Any]] = set()
        self._closed = False
        self.stats = SchedulerStats()

    # -- requests

    def start(self) -> None:
        """Start the quick lanes' workers and warm them up (imports, op table) before the first
        request: a document opened later goes to any lane, and a cold one costs ~0.4 s."""
        for lane in range(self._workers):
            self._warm(lane)

    def _warm(self, lane: int) -> None:
        loop = asyncio.get_running_loop()
        self._keep(loop.run_in_executor(self._pool(lane), warm_up))

    def release_memory(self) -> None:
        """Nothing is open: every idle worker that grew (large documents, kept modules) is
        replaced by a fresh one, now or when its analysis ends (until the next request)."""
        self._nothing_open = True
        for lane, executor in list(self._executors.items()):
            usage = self._usage.get(executor)
            if usage is not None and usage.grew():
                held = (usage.resident or 0) // MB
                self._recycle(lane, executor, f"held {held} MB with nothing open")

    def schedule(self, key: str, delay_s: float) -> None:
        """Analyse `key` after `delay_s` of quiet (0: as soon as possible)."""
        if self._closed:
            return
        self._nothing_open = False
        unit = self._unit(key)
        unit.generation += 1
        unit.pending = True
        unit.idle.clear()
        if unit.timer is not None:
            unit.timer.cancel()
        loop = asyncio.get_running_loop()
        unit.timer = loop.call_later(max(0.0, delay_s), self._start, key, unit)

    def invalidate(self, key: str) -> None:
        """The unit changed but should not be analysed now: drop any result still coming."""
        unit = self._units.get(key)
        if unit is not None:
            unit.generation += 1

    def forget(self, key: str) -> None:
        """The unit was closed: cancel its timer and drop whatever is still running for it."""
        unit = self._units.pop(key, None)
        if unit is not None:
            if unit.timer is not None:
                unit.timer.cancel()
            unit.idle.set()

    async def settle(self, key: str, timeout_s: float) -> bool:
        """Wait until nothing is pending or running for `key`; False on time-out."""
        unit = self._units.get(key)
        if unit is None:
            return True
        try:
            await asyncio.wait_for(unit.idle.wait(), timeout_s)
        except asyncio.TimeoutError:
            return False
        return True

    def is_busy(self, key: str) -> bool:
        unit = self._units.get(key)
        return unit is not None and not unit.idle.is_set()

    def shutdown(self) -> None:
        """Stop everything: pending timers, queued analyses and the worker processes."""
        self._closed = True
        for unit in self._units.values():
            if unit.timer is not None:
                unit.timer.cancel()
            unit.idle.set()
        self._units.clear()
        self._usage.clear()
        for task in list(self._tasks):
            task.cancel()
        for executor in self._executors.values():
            _stop_executor(executor)
        self._executors.clear()

    # -- internals

    def _unit(self, key: str) -> _UnitState:
        unit = self._units.get(key)
        if unit is None:
            unit = self._units[key] = _UnitState(asyncio.Event(), lane=self._next_lane)
            self._next_lane = (self._next_lane + 1) % self._workers
            unit.idle.set()
        return unit

    def _keep(self, future: asyncio.Future[Any]) -> None:
        self._tasks.add(future)
        future.add_done_callback(self._forget_task)

    def _forget_task(self, future: asyncio.Future[Any]) -> None:
        self._tasks.discard(future)
        if not future.cancelled() and future.exception() is not None:
            self._report(f"gradguard: background task failed: {future.exception()!r}")

    def _start(self, key: str, unit: _UnitState) -> None:
        unit.timer = None
        if self._units.get(key) is not unit or unit.running:
            return  # closed, or the running analysis will start us again when it ends
        unit.pending = False
        try:
            prepared = self._prepare(key)
        except Exception as exc:  # noqa: BLE001 - that unit goes without; the others go on
            self._report(f"gradguard: cannot prepare {key} for analysis: {exc!r}")
            prepared = None
        if prepared is None:
            unit.settle_if_done()
            return
        request, context = prepared
        if not (request.use_jedi or request.background):
            unit.lane = self._lane_for(unit.lane)
        unit.running = True
        self.stats.started += 1
        task = asyncio.ensure_future(self._run(key, unit, unit.generation, request, context))
        self._keep(task)

    async def _run(
        self,
        key: str,
        unit: _UnitState,
        generation: int,
        request: AnalysisRequest,
        context: Context,
    ) -> None:
        lane = unit.lane
        size = 0 if request.use_jedi or request.background else _size(request)
        self._lane_load[lane] = self._lane_load.get(lane, 0) + size
        try:
            outcome = await self._execute(request, lane)
        finally:
            unit.running = False
            self._lane_load[lane] -= size
        if self._units.get(key) is not unit:
            return
        try:
            if generation == unit.generation:
                self.stats.delivered += 1
                if outcome.error is not None:
                    self.stats.failed += 1
                self._deliver(key, context, outcome)
            else:
                self.stats.superseded += 1
        finally:
            if unit.pending and unit.timer is None:
                self._start(key, unit)
            unit.settle_if_done()

    def _lane_for(self, lane: int) -> int:
        """The unit's own lane, unless a large analysis keeps it busy: then the least loaded."""
        if self._lane_load.get(lane, 0) <= BUSY_LANE_CHARS:
            return lane
        return min(range(self._workers), key=lambda other: self._lane_load.get(other, 0))

    async def _execute(self, request: AnalysisRequest, lane: int) -> AnalysisOutcome:
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            background = request.use_jedi or request.background
            pool = BACKGROUND if background else lane
            executor = self._pool(pool)
            usage = self._usage.get(executor)
            if usage is not None:
                usage.busy += 1
            try:
                outcome = await asyncio.wait_for(
                    loop.run_in_executor(executor, analyse_measured, self._analyse, request),
                    self._time_limit_s,
                )
            except BrokenExecutor:
                self._replace_pool(executor, "an analysis worker died")
                if attempt == 2:
                    return AnalysisOutcome(error="the analysis worker crashed on this document")
                continue  # once more, in a fresh worker
            except asyncio.TimeoutError:
                self._replace_pool(executor, "an analysis exceeded the time limit")
                return AnalysisOutcome(error=f"analysis abandoned after {self._time_limit_s:.0f} s")
            except Exception as exc:  # noqa: BLE001 - e.g. a pool shut down under us
                return AnalysisOutcome(error=f"analysis not run: {exc!r}")
            finally:
                if usage is not None:
                    usage.busy -= 1
            if usage is not None:
                usage.resident = outcome.resident
                held = f"held {(outcome.resident or 0) // MB} MB"
                if usage.over(self.memory_limit_mb * MB):
                    self._recycle(pool, executor, f"{held} (limit {self.memory_limit_mb} MB)")
                elif self._nothing_open and usage.grew():
                    self._recycle(pool, executor, f"{held} with nothing open")
            return outcome
        return AnalysisOutcome(error="analysis not run")

    def _pool(self, lane: int) -> Executor:
        """The one-worker pool of a quick lane, or of background analyses."""
        if lane not in self._executors:
            executor = self._make_executor(low_priority=lane == BACKGROUND)
            self._executors[lane] = executor
            if isinstance(executor, ProcessPoolExecutor):
                self._usage[executor] = usage = WorkerUsage()
                baseline = asyncio.get_running_loop().run_in_executor(executor, resident_bytes)
                baseline.add_done_callback(functools.partial(_record_baseline, usage))
                self._keep(baseline)
        return self._executors[lane]

    def _recycle(self, lane: int, executor: Executor, why: str) -> None:
        """Replace an idle worker by a fresh one: Python keeps what a large analysis used."""
        if self._executors.get(lane) is not executor or self._closed:
            return
        del self._executors[lane]
        self._usage.pop(executor, None)
        _stop_executor(executor)  # idle, so nothing is lost; ending it is faster than a
        # clean exit, which frees a large heap object by object (seconds)
        self.stats.recycled += 1
        self._note(f"gradguard: an analysis worker {why}; replaced by a fresh one")
        if lane != BACKGROUND:
            self._warm(lane)

    def _make_executor(self, *, low_priority: bool) -> Executor:
        workers = 1
        if self._use_processes:
            try:
                # spawn, not fork: the server has threads, and forking a threaded process is unsafe
                context = multiprocessing.get_context("spawn")
                return ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=context,
                    initializer=start_worker_process,
                    initargs=(low_priority,),
                )
            except (OSError, ImportError, NotImplementedError, ValueError) as exc:
                self._report(f"gradguard: no worker processes ({exc}); analysing in threads")
                self._use_processes = False
        return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gradguard")

    def _replace_pool(self, broken: Executor, reason: str) -> None:
        for lane, executor in list(self._executors.items()):
            if executor is broken:  # (another analysis may have replaced it already)
                self.stats.pools_replaced += 1
                self._report(f"gradguard: {reason}; restarting the analysis worker")
                _stop_executor(broken)
                del self._executors[lane]
                self._usage.pop(broken, None)


def _size(request: AnalysisRequest) -> int:
    return len(request.source) + sum(len(cell) for cell in request.cells)


def _record_baseline(usage: WorkerUsage, done: asyncio.Future[int | None]) -> None:
    """The worker's resident size once started (warmed up): what it grows from."""
    if not done.cancelled() and done.exception() is None:
        usage.baseline = done.result()


def _stop_executor(executor: Executor) -> None:
    """Shut a pool down without waiting, ending worker processes that are still busy (taken
    before `shutdown`, which forgets them)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
