"""The language server's handlers: each one updates the documents, asks the pipeline for an
analysis, or answers from its stored results. No analysis logic lives here."""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import os
import sys
from collections.abc import Coroutine
from typing import Any, BinaryIO

from lsprotocol import types
from pygls.exceptions import FeatureRequestError
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer

from .. import __version__
from . import framing
from .actions import (
    FIX_ALL_KIND,
    NOTEBOOK_FIX_ALL_KIND,
    PROVIDED_KINDS,
    fix_all,
    kind_requested,
    quick_fixes,
)
from .client_features import ClientFeatures
from .code_lens import verify_lenses
from .documents import DocumentStore, fs_path_of
from .hover import contributed_hover, hover_at
from .pipeline import DiagnosticsPipeline
from .positions import Encoding, encoding_from
from .protocol import ForwardingProtocol
from .settings import SettingsResolver, parse_client_settings, settings_section
from .story import ACTION_KIND as STORY_ACTION_KIND
from .story import COMMAND as STORY_COMMAND
from .story import StoryRequestError, story_actions, story_answer
from .story import finding_at as story_finding_at
from .story import parse_request as parse_story_request
from .verify_command import COMMAND as VERIFY_COMMAND
from .verify_command import RequestError as VerifyRequestError
from .verify_command import request_uri, resolve_target
from .verify_overlay import build_overlay
from .verify_session import VerifyRuns

logger = logging.getLogger(__name__)

SHUTDOWN_VERIFY_WAIT_S = 10.0  # verify checks its cancel flag every fraction of a second

NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithNotebook(
            notebook=notebook_type, cells=[types.NotebookCellLanguage(language="python")]
        )
        for notebook_type in ("jupyter-notebook", "interactive")
    ],
    save=True,
)


class GradguardLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "gradguard",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=NOTEBOOK_SYNC,
            protocol_cls=ForwardingProtocol,
        )
        self.documents = DocumentStore()
        self.settings = SettingsResolver()
        self.features = ClientFeatures()
        self.pipeline = DiagnosticsPipeline(self.documents, self.settings, self._publish, self.log)
        self.shutdown_requested = False
        self.verify_runs = VerifyRuns()
        self._background: set[asyncio.Future[None]] = set()
        self._register()

    def _register(self) -> None:
        handlers: list[tuple[str, Any, Any]] = [
            (types.INITIALIZE, self.on_initialize, None),
            (types.INITIALIZED, self.on_initialized, None),
            (types.SHUTDOWN, self.on_shutdown, None),
            (types.EXIT, self.on_exit, None),
            (types.TEXT_DOCUMENT_DID_OPEN, self.on_did_open, None),
            (types.TEXT_DOCUMENT_DID_CHANGE, self.on_did_change, None),
            (types.TEXT_DOCUMENT_DID_SAVE, self.on_did_save, types.SaveOptions(include_text=False)),
            (types.TEXT_DOCUMENT_DID_CLOSE, self.on_did_close, None),
            (types.NOTEBOOK_DOCUMENT_DID_OPEN, self.on_notebook_open, None),
            (types.NOTEBOOK_DOCUMENT_DID_CHANGE, self.on_notebook_change, None),
            (types.NOTEBOOK_DOCUMENT_DID_SAVE, self.on_notebook_save, None),
            (types.NOTEBOOK_DOCUMENT_DID_CLOSE, self.on_notebook_close, None),
            (types.WORKSPACE_DID_CHANGE_CONFIGURATION, self.on_configuration, None),
            (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, self.on_watched_files, None),
            (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, self.on_workspace_folders, None),
            (
                types.TEXT_DOCUMENT_CODE_ACTION,
                self.on_code_action,
                types.CodeActionOptions(code_action_kinds=PROVIDED_KINDS),
            ),
            (types.TEXT_DOCUMENT_HOVER, self.on_hover, None),
            (types.TEXT_DOCUMENT_CODE_LENS, self.on_code_lens, types.CodeLensOptions()),
        ]
        for method, handler, options in handlers:
            self.feature(method, options)(_plain_function(handler))

        async def verify_cell(*arguments: Any) -> dict[str, Any]:
            return await self.on_verify_cell(arguments)

        self.command(VERIFY_COMMAND)(verify_cell)

        async def story(*arguments: Any) -> dict[str, Any] | None:
            return await self.on_story(arguments)

        self.command(STORY_COMMAND)(story)

    @property
    def encoding(self) -> Encoding:
        return encoding_from(self.workspace.position_encoding)

    # -- lifecycle

    def on_initialize(self, params: types.InitializeParams) -> None:
        self.features = ClientFeatures.from_capabilities(params.capabilities)
        self.pipeline.features = self.features
        self.pipeline.encoding = self.encoding
        section = settings_section(params.initialization_options)
        if section is not None:
            self._use_client_settings(section, reanalyse=False)
        folders = [f.uri for f in params.workspace_folders or []]
        if not folders and params.root_uri:
            folders = [params.root_uri]
        self.pipeline.workspace_roots = [str(p) for u in folders if (p := fs_path_of(u))]

    def on_initialized(self, params: types.InitializedParams) -> None:
        self.pipeline.scheduler.start()
        if self.features.pull_configuration:
            self._in_background(self._pull_configuration())
        if self.features.watched_files_registration:
            self._in_background(self._watch_python_files())
        self._in_background(self._index_workspace())

    async def _index_workspace(self) -> None:
        """The workspace's import index, built off the event loop (a large workspace takes a
        while; the editor is served meanwhile)."""
        roots = list(self.pipeline.workspace_roots)
        if not roots:
            return
        loop = asyncio.get_running_loop()
        try:
            notes = await loop.run_in_executor(None, self.pipeline.importers.build, roots)
        except Exception as exc:  # noqa: BLE001 - without the index, open files still work
            self.log(types.MessageType.Warning, f"gradguard: import index failed: {exc}")
            return
        for note in notes:
            self.log(types.MessageType.Log, note)
        self.pipeline.indexed()

    async def _watch_python_files(self) -> None:
        """Ask to hear of Python files changed outside the editor (a `git checkout`, a
        generator): the open documents that import them are analysed again."""
        watchers = [types.FileSystemWatcher(glob_pattern="**/*.py")]
        registration = types.Registration(
            id="gradguard-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await self.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as exc:  # noqa: BLE001 - the editor still works without it
            self.log(types.MessageType.Log, f"gradguard: file watching not registered: {exc}")

    def on_watched_files(self, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [str(p) for change in params.changes if (p := fs_path_of(change.uri))]
        if any(p.endswith("pyproject.toml") for p in paths):
            self.pipeline.reanalyse_all()
            return
        self.pipeline.files_changed(paths)

    def on_workspace_folders(self, params: types.DidChangeWorkspaceFoldersParams) -> None:
        removed = {str(p) for f in params.event.removed if (p := fs_path_of(f.uri))}
        added = [str(p) for f in params.event.added if (p := fs_path_of(f.uri))]
        roots = [r for r in self.pipeline.workspace_roots if r not in removed]
        self.pipeline.workspace_roots = roots + [a for a in added if a not in roots]
        for root in removed:
            self.pipeline.importers.indexes.pop(root, None)
        self._in_background(self._index_workspace())

    async def on_shutdown(self, params: None) -> None:
        """Stop analysing, and kill the process groups of the verify runs in flight before
        answering (their requests are then answered as cancelled)."""
        self.shutdown_requested = True
        self.pipeline.scheduler.shutdown()
        if not await self.verify_runs.stop_all(SHUTDOWN_VERIFY_WAIT_S):
            self.log(types.MessageType.Warning, "gradguard: a verify run did not stop in time")

    def on_exit(self, params: None) -> None:
        self.pipeline.scheduler.shutdown()

    # -- text documents

    def on_did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        key = self.documents.open_text(params.text_document)
        if key is not None:
            self.pipeline.opened(key)

    def on_did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        key = self.documents.change_text(
            params.text_document, params.content_changes, self.encoding
        )
        if key is not None:
            self.pipeline.changed(key)

    def on_did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri.endswith("/pyproject.toml"):
            self.pipeline.reanalyse_all()
            return
        key = self.documents.key_of(params.text_document.uri)
        if key is not None:
            self.pipeline.analyse_now(key)
        path = fs_path_of(params.text_document.uri)
        if path is not None:
            self.pipeline.files_changed([str(path)])

    def on_did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        key = self.documents.close_text(params.text_document.uri)
        if key is not None:
            self.pipeline.closed(key, [key])

    # -- notebooks

    def on_notebook_open(self, params: types.DidOpenNotebookDocumentParams) -> None:
        key = self.documents.open_notebook(params)
        self.pipeline.analyse_now(key)

    def on_notebook_change(self, params: types.DidChangeNotebookDocumentParams) -> None:
        key = self.documents.change_notebook(params, self.encoding)
        if key is not None:
            self.pipeline.changed(key)

    def on_notebook_save(self, params: types.DidSaveNotebookDocumentParams) -> None:
        key = self.documents.key_of(params.notebook_document.uri)
        if key is not None:
            self.pipeline.analyse_now(key)

    def on_notebook_close(self, params: types.DidCloseNotebookDocumentParams) -> None:
        key = params.notebook_document.uri
        cell_uris = self.documents.close_notebook(key)
        self.pipeline.closed(key, [*cell_uris, *(c.uri for c in params.cell_text_documents)])

    # -- configuration

    def on_configuration(self, params: types.DidChangeConfigurationParams) -> None:
        section = settings_section(params.settings)
        if section is not None:
            self._use_client_settings(section, reanalyse=True)
        elif self.features.pull_configuration:
            self._in_background(self._pull_configuration())

    async def _pull_configuration(self) -> None:
        item = types.ConfigurationItem(section="gradguard")
        answer = await self.workspace_configuration_async(types.ConfigurationParams(items=[item]))
        section = settings_section(answer[0] if answer else None)
        if section is not None:
            self._use_client_settings(section, reanalyse=True)

    def _use_client_settings(self, section: Any, *, reanalyse: bool) -> None:
        client, problems = parse_client_settings(section)
        for problem in problems:
            self.log(types.MessageType.Warning, f"gradguard settings: {problem}")
        self.pipeline.scheduler.memory_limit_mb = client.worker_memory_mb
        if client == self.settings.client:
            return
        self.settings.client = client
        if reanalyse:
            self.pipeline.reanalyse_all()

    # -- requests

    async def on_code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        key = self.documents.key_of(uri)
        if key is None:
            return None
        only = params.context.only
        actions: list[types.CodeAction] = []
        if kind_requested(types.CodeActionKind.QuickFix.value, only):
            actions += quick_fixes(
                uri,
                params.context.diagnostics,
                self.pipeline.results.get(key),
                self.pipeline.is_current,
                self.features,
            )
        if kind_requested(STORY_ACTION_KIND, only):
            actions += story_actions(uri, params.context.diagnostics)
        in_notebook = key != uri
        wanted = [
            (FIX_ALL_KIND, uri if in_notebook else None),
            *([(NOTEBOOK_FIX_ALL_KIND, None)] if in_notebook else []),
        ]
        for kind, only_uri in wanted:
            if not kind_requested(kind, only):
                continue
            # a lightbulb request (no `only`) does not wait for an analysis still running
            result = await self.pipeline.fresh_result(key, wait=only is not None)
            if result is None:
                continue
            unsafe = self.settings.client.fix_all_unsafe
            action = fix_all(
                result, kind, only_uri, self.pipeline.is_current, self.features, unsafe
            )
            if action is not None:
                actions.append(action)
        return actions

    async def on_hover(self, params: types.HoverParams) -> types.Hover | None:
        key = self.documents.key_of(params.text_document.uri)
        if key is None:
            return None
        result = await self.pipeline.fresh_result(key, wait=True)
        markdown = self.features.markdown_hover
        uri, position = params.text_document.uri, params.position
        own = (
            hover_at(result, uri, position, markdown, self.pipeline.verify_overlay(key, result))
            if result is not None
            else None
        )
        if own is not None:
            return own
        return contributed_hover(self.pipeline.cross.for_uri(uri, besides=key), position, markdown)

    def on_code_lens(self, params: types.CodeLensParams) -> list[types.CodeLens] | None:
        uri = params.text_document.uri
        if self.documents.key_of(uri) != uri:
            return None  # not open, or a notebook cell (notebooks have their own cell UI)
        document = self.documents.text_of(uri)
        return None if document is None else verify_lenses(uri, document.text)

    # -- messages

    async def on_verify_cell(self, arguments: tuple[Any, ...]) -> dict[str, Any]:
        """Run the cell in a subprocess (the server keeps serving meanwhile), with progress and
        cancellation; publish the verdicts as diagnostics, answer with the verify JSON and tell
        the user in one line."""
        try:
            uri = request_uri(arguments)
            key = self.documents.key_of(uri)
            snapshot = self.documents.snapshot(key) if key is not None else None
            if key is None or snapshot is None:
                raise VerifyRequestError(f"gradguard.verifyCell: {uri!r} is not an open document")
            target = resolve_target(arguments, uri, snapshot)
        except VerifyRequestError as exc:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, str(exc)))
            return {"status": "error", "message": str(exc)}
        path = str(snapshot.fs_path or snapshot.engine_path)
        progress = self.work_done_progress if self.features.work_done_progress else None
        answer, result = await self.verify_runs.run(target, path, self.protocol.msg_id, progress)
        if result is not None and result.status != "cancelled":
            overlay = build_overlay(result, snapshot, target.label, self.encoding, self.features)
            self.pipeline.show_verify(key, overlay)
        if not target.quiet:
            level = (
                types.MessageType.Info if answer["status"] == "ok" else types.MessageType.Warning
            )
            self.window_show_message(types.ShowMessageParams(level, answer["message"]))
        return answer

    async def on_story(self, arguments: tuple[Any, ...]) -> dict[str, Any] | None:
        """The story of the finding at a position (null when there is none), with the facts
        of the unit's last verify run while its text is unchanged."""
        try:
            uri, position, theme = parse_story_request(arguments)
        except StoryRequestError as exc:
            raise FeatureRequestError(str(exc)) from exc
        key = self.documents.key_of(uri)
        if key is None:
            return None
        result = await self.pipeline.fresh_result(key, wait=True)
        if result is None:
            return None
        finding = story_finding_at(result, uri, position)
        if finding is None:
            return None
        return story_answer(result, finding, self.pipeline.verify_overlay(key, result), theme)

    def request_cancelled(self, request_id: Any) -> None:
        self.verify_runs.cancel(request_id)

    def _publish(self, uri: str, items: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=items,
                version=version if self.features.versioned_diagnostics else None,
            )
        )

    def log(self, level: types.MessageType, message: str) -> None:
        logger.log(logging.ERROR if level == types.MessageType.Error else logging.DEBUG, message)
        self.window_log_message(types.LogMessageParams(type=level, message=message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls would show a pop-up; a log entry is enough, and the server carries on. A failed
        request needs neither: its error response says it all."""
        if source is FeatureRequestError:
            return
        name = getattr(source, "__name__", str(source))
        self.log(types.MessageType.Error, f"gradguard: internal error ({name}): {error!r}")

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """pygls' stdio loop with our reader (framing.py), which logs a malformed frame and
        reads on, where pygls' went deaf without a word."""
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        report = functools.partial(self.log, types.MessageType.Error)
        try:
            stream = framing.FdStream(os.dup((stdin or sys.stdin.buffer).fileno()))
            asyncio.run(framing.serve(stream, self.protocol, report))
        except BrokenPipeError:
            logger.error("gradguard: the client is gone (broken pipe)")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]  # pygls: its thread pool

    def _in_background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background_done)

    def _background_done(self, task: asyncio.Future[None]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.log(types.MessageType.Warning, f"gradguard: {task.exception()!r}")


def _plain_function(method: Any) -> Any:
    """pygls marks handlers with attributes, which bound methods cannot carry."""
    if inspect.iscoroutinefunction(method):

        async def async_handler(params: Any) -> Any:
            return await method(params)

        return async_handler

    def handler(params: Any) -> Any:
        return method(params)

    return handler


def serve_stdio() -> int:
    """Serve one client over stdin/stdout; exit status 0 after a proper shutdown, 1 otherwise."""
    # The protocol gets a private copy of stdout; fd 1 then points at stderr, so a stray print
    # (ours, a library's or a worker process's) cannot corrupt the message stream.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    server = GradguardLanguageServer()
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0 if server.shutdown_requested else 1
