"""From open documents to published diagnostics, and the results requests read.

It decides what each analysis runs on (the unit's current snapshot and settings, with or without
jedi), what happens to a result (converted, published per document with its version, stale
documents cleared, the engine's problems logged), and serves the stored result that code
actions and hover answer from.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Hashable

from lsprotocol import types

from .client_features import ClientFeatures
from .documents import DocumentStore
from .edit_plans import DocumentEdit
from .positions import Encoding
from .results import ResultBook, UnitResult, build_result
from .scheduler import AnalysisScheduler
from .settings import DocumentSettings, SettingsResolver
from .snapshot import Snapshot
from .verify_overlay import VerifyOverlay
from .worker import AnalysisOutcome, AnalysisRequest

logger = logging.getLogger(__name__)

FRESH_RESULT_TIMEOUT_S = 10.0
# Each change first gets a quick analysis: incremental (functions whose text and dependencies
# did not change are replayed from the worker's cache) and without jedi, which makes an
# analysis several times slower. Once the unit has been quiet this long, a full analysis (with
# jedi if it is on) follows, unless the quick one already was exactly that.
FULL_PASS_DELAY_S = 0.3

Prepared = tuple[Snapshot, DocumentSettings, bool]  # ..., whether this was the full pass
Publish = Callable[[str, list[types.Diagnostic], int | None], None]
Log = Callable[[types.MessageType, str], None]


class DiagnosticsPipeline:
    def __init__(
        self, documents: DocumentStore, settings: SettingsResolver, publish: Publish, log: Log
    ) -> None:
        self.documents = documents
        self.settings = settings
        self.results = ResultBook()
        self.features = ClientFeatures()  # both known once the client has initialized
        self.encoding: Encoding = "utf-16"
        self._publish = publish
        self._log = log
        self._problems: dict[str, tuple[str, ...]] = {}
        self._full_due: dict[str, Hashable] = {}  # unit -> state whose full pass is due
        self._overlays: dict[str, VerifyOverlay] = {}  # unit -> its last verify run
        self.scheduler: AnalysisScheduler[Prepared] = AnalysisScheduler(
            self._prepare,
            self._deliver,
            lambda message: log(types.MessageType.Error, message),
            workers=min(2, os.cpu_count() or 1),
        )

    # -- what to analyse, when

    def analyse_now(self, key: str) -> None:
        self.scheduler.schedule(key, 0)

    def changed(self, key: str) -> None:
        """An edit: analyse after the debounce, or (lintOnChange off) only drop what is coming."""
        client = self.settings.client
        if client.lint_on_change:
            self.scheduler.schedule(key, client.debounce_ms / 1000)
        else:
            self.scheduler.invalidate(key)

    def closed(self, key: str, uris: list[str]) -> None:
        """The unit is gone: clear every document that shows its diagnostics."""
        self.scheduler.forget(key)
        self._problems.pop(key, None)
        self._full_due.pop(key, None)
        self._overlays.pop(key, None)
        for uri in sorted({*uris, *self.results.forget(key)}):
            self._publish(uri, [], None)

    def reanalyse_all(self) -> None:
        for key in self.documents.keys():
            self.scheduler.schedule(key, 0)

    def show_verify(self, key: str, overlay: VerifyOverlay) -> None:
        """Publish the unit's diagnostics with a verify run's verdicts and runtime findings;
        they stay until the unit's text changes."""
        if self.documents.state(key) != overlay.state:
            return  # edited while the cell ran: its lines no longer match
        self._overlays[key] = overlay
        result = self._current(key)
        if result is None:
            self.analyse_now(key)  # its delivery publishes with the overlay
            return
        self._publish_unit(key, result.snapshot, result.diagnostics)

    # -- what requests read

    async def fresh_result(self, key: str, *, wait: bool) -> UnitResult | None:
        """The stored result if it matches the current text; else (with `wait`) analyse now."""
        if (result := self._current(key)) is not None or not wait:
            return result
        if not self.scheduler.is_busy(key):
            self.scheduler.schedule(key, 0)
        await self.scheduler.settle(key, FRESH_RESULT_TIMEOUT_S)
        return self._current(key)

    def is_current(self, change: DocumentEdit) -> bool:
        """Whether an edit was computed against the document's current version."""
        document = self.documents.text_of(change.uri)
        if document is None:
            return False
        return change.version is None or document.version == change.version

    def _current(self, key: str) -> UnitResult | None:
        result = self.results.get(key)
        if result is not None and result.snapshot.state == self.documents.state(key):
            return result
        return None

    # -- the scheduler's two ends

    def _prepare(self, key: str) -> tuple[AnalysisRequest, Prepared] | None:
        snapshot = self.documents.snapshot(key)
        if snapshot is None:
            return None
        settings = self.settings.for_path(snapshot.fs_path)
        if settings.excluded:
            return AnalysisRequest("", snapshot.engine_path), (snapshot, settings, False)
        full = self._full_due.pop(key, None) == snapshot.state
        request = AnalysisRequest(
            source="" if snapshot.cells else snapshot.source,
            engine_path=snapshot.engine_path,
            cells=snapshot.cells,
            use_jedi=full and settings.jedi,
            select=settings.select,
            ignore=settings.ignore,
            incremental=not full,
            background=full,
        )
        return request, (snapshot, settings, full)

    def _deliver(self, key: str, prepared: Prepared, outcome: AnalysisOutcome) -> None:
        snapshot, settings, was_full = prepared
        if self.documents.state(key) != snapshot.state:
            return  # the documents moved on; a newer analysis will publish
        result: UnitResult | None = None
        if outcome.error is None:
            try:
                result = build_result(
                    snapshot, outcome.findings, settings, self.encoding, self.features
                )
            except Exception as exc:  # this document gets no diagnostics; the others go on
                logger.exception("converting findings for %s", key)
                outcome = AnalysisOutcome(error=f"{type(exc).__name__}: {exc}")
        if outcome.error is not None:
            self._log(
                types.MessageType.Error,
                f"gradguard: internal error analysing {key}, no diagnostics for it:\n"
                f"{outcome.error}",
            )
        self._report_problems(key, outcome.problems)
        diagnostics = result.diagnostics if result else {s.uri: [] for s in snapshot.segments}
        self.results.record(key, result)
        self._publish_unit(key, snapshot, diagnostics)
        needs_full = settings.jedi or outcome.reused > 0
        if not was_full and needs_full and result is not None and not settings.excluded:
            self._full_due[key] = snapshot.state
            self.scheduler.schedule(key, FULL_PASS_DELAY_S)

    def _publish_unit(
        self, key: str, snapshot: Snapshot, diagnostics: dict[str, list[types.Diagnostic]]
    ) -> None:
        """Publish every document of the unit (with the verify overlay while it matches) and
        clear the documents it published to before but not now."""
        overlay = self._overlays.get(key)
        if overlay is not None and overlay.state != snapshot.state:
            del self._overlays[key]
            overlay = None
        if overlay is not None:
            diagnostics = {uri: overlay.apply(uri, items) for uri, items in diagnostics.items()}
        versions = {segment.uri: segment.version for segment in snapshot.segments}
        for stale_uri in self.results.mark_published(key, set(diagnostics)):
            self._publish(stale_uri, [], None)
        for uri, items in diagnostics.items():
            self._publish(uri, items, versions.get(uri))

    def _report_problems(self, key: str, problems: tuple[str, ...]) -> None:
        """Log the engine's problems (syntax errors, skipped code) when they change."""
        if self._problems.get(key, ()) == problems:
            return
        self._problems[key] = problems
        for problem in problems:
            self._log(types.MessageType.Log, f"gradguard: {key}: {problem}")
