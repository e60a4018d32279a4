"""The scheduler on its own: debouncing, dropping superseded results, and keeping one unit's
failure (an exception, a dead worker process, a hang) from touching the others."""

from __future__ import annotations

import asyncio

import pytest
import worker_faults
from gradguard.lsp.scheduler import AnalysisScheduler
from gradguard.lsp.worker import AnalysisOutcome, AnalysisRequest
from lsp_helpers import HAZARD
from test_lsp_orphans import wait_until_gone

pytestmark = pytest.mark.asyncio


class Units:
    """Documents by key; every delivery is recorded as (key, text, outcome)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.prepared = 0
        self.delivered: list[tuple[str, str, AnalysisOutcome]] = []
        self.reports: list[str] = []

    def prepare(self, key: str) -> tuple[AnalysisRequest, str] | None:
        self.prepared += 1
        text = self.texts.get(key)
        return None if text is None else (AnalysisRequest(text, key), text)

    def deliver(self, key: str, text: str, outcome: AnalysisOutcome) -> None:
        self.delivered.append((key, text, outcome))

    def scheduler(self, **options: object) -> AnalysisScheduler[str]:
        return AnalysisScheduler(self.prepare, self.deliver, self.reports.append, **options)  # type: ignore[arg-type]


async def test_debounce_collapses_a_burst() -> None:
    units = Units()
    scheduler = units.scheduler(use_processes=False)
    for i in range(20):
        units.texts["a"] = HAZARD + f"# {i}\n"
        scheduler.schedule("a", 0.05)
    assert await scheduler.settle("a", 10)
    assert units.prepared == 1
    ((_, text, outcome),) = units.delivered
    assert text.endswith("# 19\n") and [f.code for f in outcome.findings] == ["GG002"]
    scheduler.shutdown()


async def test_superseded_result_is_dropped_and_newest_runs() -> None:
    units = Units()
    scheduler = units.scheduler(use_processes=False, analyse_fn=worker_faults.slow)
    units.texts["a"] = "first"
    scheduler.schedule("a", 0)
    await asyncio.sleep(0.1)  # the first analysis is running now
    units.texts["a"] = HAZARD
    scheduler.schedule("a", 0)
    assert await scheduler.settle("a", 10)
    assert [text for _, text, _ in units.delivered] == [HAZARD]
    assert scheduler.stats.superseded == 1
    scheduler.shutdown()


async def test_closed_unit_gets_nothing() -> None:
    units = Units()
    scheduler = units.scheduler(use_processes=False, analyse_fn=worker_faults.slow)
    units.texts["a"] = HAZARD
    scheduler.schedule("a", 0)
    await asyncio.sleep(0.1)
    scheduler.forget("a")
    await asyncio.sleep(0.5)
    assert units.delivered == []
    scheduler.shutdown()


async def test_an_exception_fails_only_its_unit() -> None:
    units = Units()
    scheduler = units.scheduler(use_processes=False, analyse_fn=worker_faults.raise_on_marker)
    units.texts.update(bad="RAISE", good=HAZARD)
    scheduler.schedule("bad", 0)
    scheduler.schedule("good", 0)
    assert await scheduler.settle("bad", 10) and await scheduler.settle("good", 10)
    outcomes = {key: outcome for key, _, outcome in units.delivered}
    assert "injected failure" in (outcomes["bad"].error or "")
    assert outcomes["good"].error is None and outcomes["good"].findings
    scheduler.shutdown()


async def test_a_dead_worker_process_is_replaced() -> None:
    units = Units()
    scheduler = units.scheduler(workers=1, analyse_fn=worker_faults.crash_on_marker)
    units.texts.update(bad="CRASH", good=HAZARD)
    scheduler.schedule("bad", 0)
    assert await scheduler.settle("bad", 60)
    scheduler.schedule("good", 0)
    assert await scheduler.settle("good", 60)
    outcomes = {key: outcome for key, _, outcome in units.delivered}
    assert outcomes["bad"].error and not outcomes["bad"].findings
    assert outcomes["good"].error is None and outcomes["good"].findings
    assert scheduler.stats.pools_replaced == 2  # the first try and the retry
    assert any("restarting" in report for report in units.reports)
    scheduler.shutdown()


async def test_a_hung_analysis_is_abandoned() -> None:
    units = Units()
    scheduler = units.scheduler(
        workers=1, time_limit_s=2.0, analyse_fn=worker_faults.hang_on_marker
    )
    units.texts.update(stuck="HANG", good=HAZARD)
    scheduler.schedule("stuck", 0)
    assert await scheduler.settle("stuck", 30)
    scheduler.schedule("good", 0)
    assert await scheduler.settle("good", 60)
    outcomes = {key: outcome for key, _, outcome in units.delivered}
    assert "abandoned" in (outcomes["stuck"].error or "")
    assert outcomes["good"].findings
    scheduler.shutdown()


async def _worker_pid(units: Units, scheduler: AnalysisScheduler[str], text: str) -> int:
    units.texts["a"] = text
    scheduler.schedule("a", 0)
    assert await scheduler.settle("a", 60)
    return int(units.delivered[-1][2].problems[0])


async def test_a_worker_past_the_memory_bound_is_recycled_once_idle() -> None:
    units = Units()
    scheduler = units.scheduler(workers=1, analyse_fn=worker_faults.hog_on_marker)
    scheduler.memory_limit_mb = 100
    small = await _worker_pid(units, scheduler, "small")
    assert await _worker_pid(units, scheduler, "small again") == small
    assert scheduler.stats.recycled == 0
    assert await _worker_pid(units, scheduler, "HOG") == small  # it grew while analysing
    assert scheduler.stats.recycled == 1  # then, idle, it was replaced
    assert await _worker_pid(units, scheduler, "after") != small
    assert any("replaced by a fresh one" in r for r in units.reports)
    assert await asyncio.to_thread(wait_until_gone, {small}) == set()  # its memory is back
    scheduler.shutdown()


async def test_workers_that_grew_are_recycled_once_nothing_is_open() -> None:
    units = Units()
    scheduler = units.scheduler(workers=1, analyse_fn=worker_faults.hog_on_marker)
    grown = await _worker_pid(units, scheduler, "HOG")  # under the default bound
    assert scheduler.stats.recycled == 0
    scheduler.release_memory()
    assert scheduler.stats.recycled == 1
    assert await _worker_pid(units, scheduler, "small") != grown
    scheduler.release_memory()  # a fresh worker that did not grow stays
    assert scheduler.stats.recycled == 1
    scheduler.shutdown()
