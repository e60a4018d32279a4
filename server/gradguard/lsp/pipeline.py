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
from dataclasses import replace

from lsprotocol import types

from .client_features import ClientFeatures
from .cross_file import CrossFileBook
from .documents import DocumentStore, fs_path_of
from .edit_plans import DocumentEdit
from .foreign import ForeignFiles, OpenFile
from .importers import ImporterUnits, is_importer_unit
from .positions import Encoding
from .results import ResultBook, UnitResult, build_result
from .scheduler import AnalysisScheduler
from .settings import DocumentSettings, SettingsResolver
from .snapshot import BOM, Snapshot
from .verify_overlay import VerifyOverlay
from .worker import AnalysisOutcome, AnalysisRequest

logger = logging.getLogger(__name__)

FRESH_RESULT_TIMEOUT_S = 10.0
# Each change first gets a quick analysis: incremental (functions whose text and dependencies
# did not change are replayed from the worker's cache) and without jedi, which makes an
# analysis several times slower. Once the unit has been quiet this long, a full analysis (with
# jedi if it is on) follows, unless the quick one already was exactly that.
FULL_PASS_DELAY_S = 0.3
# A document this large (lines) with nothing published yet first gets a partial analysis of
# its first PARTIAL_LINES lines (cut at a top-level definition, or at a cell), published at
# once, then the complete one: a 50,000-line file shows its first findings in well under 2 s.
LARGE_LINES = 8000
PARTIAL_LINES = 2000

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
        self._partial_for: dict[str, Hashable] = {}  # unit -> state its partial pass was for
        self._overlays: dict[str, VerifyOverlay] = {}  # unit -> its last verify run
        self.cross = CrossFileBook()
        self.workspace_roots: list[str] = []  # the editor's workspace folders
        self.importers = ImporterUnits()
        self.scheduler: AnalysisScheduler[Prepared] = AnalysisScheduler(
            self._prepare,
            self._deliver,
            lambda message: log(types.MessageType.Error, message),
            workers=2,  # even on one CPU: a giant document never holds up the others
            note=lambda message: log(types.MessageType.Log, message),
        )

    # -- what to analyse, when

    def analyse_now(self, key: str) -> None:
        self.scheduler.schedule(key, 0)

    def opened(self, key: str) -> None:
        """A document was opened: its unsaved text now stands for its file in the analyses
        of the documents importing it."""
        self.scheduler.schedule(key, 0)
        self._dependents_of_unit(key, 0)
        self._analyse_importers(key, 0)

    def indexed(self) -> None:
        """The workspace import index is ready: run the importers of what is open."""
        for key in self.documents.keys():
            self._analyse_importers(key, 0)

    def _analyse_importers(self, key: str, delay: float) -> None:
        open_paths = {
            os.path.abspath(p) for k in self.documents.keys() if (p := fs_path_of(k)) is not None
        }
        for unit in self.importers.units_for(key, fs_path_of(key), open_paths):
            self.scheduler.schedule(unit, delay)

    def changed(self, key: str) -> None:
        """An edit: analyse after the debounce, or (lintOnChange off) only drop what is coming."""
        client = self.settings.client
        if client.lint_on_change:
            self.scheduler.schedule(key, client.debounce_ms / 1000)
            self._dependents_of_unit(key, client.debounce_ms / 1000)
            self._analyse_importers(key, client.debounce_ms / 1000)
        else:
            self.scheduler.invalidate(key)

    def files_changed(self, paths: list[str]) -> None:
        """Files changed outside the editor (or were saved): open documents whose analysis
        read them are analysed again."""
        for path in paths:
            self.importers.file_changed(path)
        for unit in self.cross.dependents({os.path.abspath(p) for p in paths}):
            self.scheduler.schedule(unit, 0)

    def _dependents_of_unit(self, key: str, delay: float) -> None:
        path = fs_path_of(key)
        if path is None:
            return
        for unit in self.cross.dependents({os.path.abspath(path)}):
            if unit != key:
                self.scheduler.schedule(unit, delay)

    def closed(self, key: str, uris: list[str]) -> None:
        """The unit is gone: clear every document that shows its diagnostics."""
        self.scheduler.forget(key)
        self._problems.pop(key, None)
        self._full_due.pop(key, None)
        self._partial_for.pop(key, None)
        self._overlays.pop(key, None)
        changed = self.cross.forget(key)
        gone = {*uris, *self.results.forget(key)}
        for uri in sorted(gone):
            self._publish(uri, [], None)
        for uri in sorted(changed - gone):
            self._republish(uri)
        self._dependents_of_unit(key, 0)  # they read its unsaved text: now the disk's
        for unit in self.importers.release(key):
            self.scheduler.forget(unit)
            for uri in sorted(self.cross.forget(unit)):
                self._republish(uri)
        if not self.documents.keys():
            self.scheduler.release_memory()  # what large documents left in the workers

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

    def verify_overlay(self, key: str, result: UnitResult) -> VerifyOverlay | None:
        """The unit's last verify run, while the text it ran on is the text of `result`."""
        overlay = self._overlays.get(key)
        if overlay is None or overlay.state != result.snapshot.state:
            return None
        return overlay

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
        importer = is_importer_unit(key)
        snapshot = self.importers.snapshot(key) if importer else self.documents.snapshot(key)
        if snapshot is None:
            return None
        settings = self.settings.for_path(snapshot.fs_path)
        if settings.excluded:
            return AnalysisRequest("", snapshot.engine_path), (snapshot, settings, False)
        full = importer or self._full_due.pop(key, None) == snapshot.state
        partial = not full and self._wants_partial(key, snapshot)
        foreign = self._foreign_files(key)
        snapshot = replace(snapshot, foreign=foreign)
        request = AnalysisRequest(
            source="" if snapshot.cells else snapshot.source,
            engine_path=snapshot.engine_path,
            cells=snapshot.cells,
            use_jedi=full and settings.jedi and not importer,
            select=settings.select,
            ignore=settings.ignore,
            incremental=not full,
            background=full,
            overlay=tuple(
                (path, f.text.removeprefix(BOM))
                for path, f in foreign.open_files.items()
                if f.uri != key
            ),
            workspace_root=self._workspace_root(snapshot.engine_path),
        )
        if partial:
            request = replace(request, incremental=False, prefix_lines=PARTIAL_LINES)
        return request, (snapshot, settings, full)

    def _wants_partial(self, key: str, snapshot: Snapshot) -> bool:
        """A large document with nothing published yet, not already partially analysed as it
        is now: its first lines go first (once per state)."""
        if self.results.get(key) is not None or self._partial_for.get(key) == snapshot.state:
            return False
        texts = snapshot.cells or (snapshot.source,)
        if sum(text.count("\n") for text in texts) <= LARGE_LINES:
            return False
        self._partial_for[key] = snapshot.state
        return True

    def _foreign_files(self, key: str) -> ForeignFiles:
        """The open Python files (not notebook cells), by path: imports read their text."""
        files: dict[str, OpenFile] = {}
        for uri in self.documents.keys():
            text = self.documents.text_of(uri)
            path = fs_path_of(uri)
            if text is None or path is None or not str(path).endswith((".py", ".pyi")):
                continue
            files[os.path.abspath(path)] = OpenFile(uri, text.version, text.text)
        return ForeignFiles(files)

    def _workspace_root(self, path: str) -> str | None:
        inside = [r for r in self.workspace_roots if path.startswith(r.rstrip(os.sep) + os.sep)]
        return max(inside, key=len) if inside else None

    def _deliver(self, key: str, prepared: Prepared, outcome: AnalysisOutcome) -> None:
        snapshot, settings, was_full = prepared
        if is_importer_unit(key):
            self._deliver_importer(key, snapshot, settings, outcome)
            return
        if self.documents.state(key) != snapshot.state:
            return  # the documents moved on; a newer analysis will publish
        if outcome.partial_lines and outcome.error is None:
            self._deliver_partial(key, snapshot, settings, outcome)
            return
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
        self._report_problems(key, tuple(map(snapshot.text_in_user_terms, outcome.problems)))
        self.cross.record_modules(key, frozenset(outcome.modules))
        diagnostics = result.diagnostics if result else {s.uri: [] for s in snapshot.segments}
        self.results.record(key, result)
        self._publish_unit(key, snapshot, diagnostics)
        needs_full = settings.jedi or outcome.reused > 0
        if not was_full and needs_full and result is not None and not settings.excluded:
            self._full_due[key] = snapshot.state
            self.scheduler.schedule(key, FULL_PASS_DELAY_S)

    def _deliver_partial(
        self, key: str, snapshot: Snapshot, settings: DocumentSettings, outcome: AnalysisOutcome
    ) -> None:
        """Findings of a large document's first lines: published to its own documents at once
        (not stored: code actions and hover wait for the complete result), then the complete
        analysis runs."""
        try:
            result = build_result(
                snapshot, outcome.findings, settings, self.encoding, self.features
            )
        except Exception:  # the complete analysis reports it
            logger.exception("converting partial findings for %s", key)
        else:
            for segment in snapshot.segments:
                items = result.diagnostics.get(segment.uri, [])
                items = items + self.cross.for_uri(segment.uri, besides=key)
                self._publish(segment.uri, items, segment.version)
        self._log(
            types.MessageType.Log,
            f"gradguard: {key}: partial diagnostics (its first {outcome.partial_lines} lines,"
            f" {outcome.seconds:.2f} s); the complete analysis follows",
        )
        self.scheduler.schedule(key, 0)

    def _deliver_importer(
        self, key: str, snapshot: Snapshot, settings: DocumentSettings, outcome: AnalysisOutcome
    ) -> None:
        """A file that is not open: only what it finds in open documents is shown."""
        if outcome.error is not None:
            logger.info("importer analysis %s failed: %s", key, outcome.error)
            return
        self.cross.record_modules(key, frozenset(outcome.modules))
        result = build_result(snapshot, outcome.findings, settings, self.encoding, self.features)
        own = {segment.uri for segment in snapshot.segments}
        elsewhere = {u: items for u, items in result.diagnostics.items() if u not in own}
        for uri in sorted(self.cross.contribute(key, elsewhere)):
            self._republish(uri)

    def _publish_unit(
        self, key: str, snapshot: Snapshot, diagnostics: dict[str, list[types.Diagnostic]]
    ) -> None:
        """Publish every document of the unit (with the verify overlay while it matches) and
        clear the documents it published to before but not now."""
        overlay = self._overlays.get(key)
        if overlay is not None and overlay.state != snapshot.state:
            del self._overlays[key]
            overlay = None
        versions = {segment.uri: segment.version for segment in snapshot.segments}
        own = {uri: items for uri, items in diagnostics.items() if uri in versions}
        elsewhere = {uri: items for uri, items in diagnostics.items() if uri not in versions}
        if overlay is not None:
            own = {uri: overlay.apply(uri, items) for uri, items in own.items()}
        for stale_uri in self.results.mark_published(key, set(own)):
            self._publish(stale_uri, [], None)
        for uri, items in own.items():
            self._publish(uri, items + self.cross.for_uri(uri, besides=key), versions.get(uri))
        for uri in sorted(self.cross.contribute(key, elsewhere)):
            self._republish(uri)

    def _republish(self, uri: str) -> None:
        """An open document whose contributions from other units changed: its own unit's
        diagnostics (as last published) plus the others'."""
        owner = self.documents.key_of(uri)
        if owner is None:
            return  # not open: nothing is shown for it
        result = self._current(owner)
        if result is None:
            self.scheduler.schedule(owner, 0)  # its delivery publishes with the contributions
            return
        items = result.diagnostics.get(uri, [])
        overlay = self._overlays.get(owner)
        if overlay is not None and overlay.state == result.snapshot.state:
            items = overlay.apply(uri, items)
        segment = result.snapshot.segment_for(uri)
        self._publish(
            uri,
            items + self.cross.for_uri(uri, besides=owner),
            segment.version if segment else None,
        )

    def _report_problems(self, key: str, problems: tuple[str, ...]) -> None:
        """Log the engine's problems (syntax errors, skipped code) when they change."""
        if self._problems.get(key, ()) == problems:
            return
        self._problems[key] = problems
        for problem in problems:
            self._log(types.MessageType.Log, f"gradguard: {key}: {problem}")
