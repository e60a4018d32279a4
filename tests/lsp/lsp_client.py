"""The test client: pytest-lsp's client, recording every publishDiagnostics so tests can wait
for a given document version and check the order versions arrive in."""

from __future__ import annotations

import asyncio

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

WAIT_S = 30.0


class RecordingClient(LanguageClient):
    """Keeps every publishDiagnostics in arrival order."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[types.PublishDiagnosticsParams] = []
        self._arrived = asyncio.Event()

    def record(self, params: types.PublishDiagnosticsParams) -> None:
        self.diagnostics[params.uri] = params.diagnostics
        self.published.append(params)
        self._arrived.set()

    async def wait_for_diagnostics(
        self, uri: str, *, version: int | None = None, after: int = 0, timeout: float = WAIT_S
    ) -> types.PublishDiagnosticsParams:
        """The first publish for `uri` (with `version`, if given) at index >= `after`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for params in self.published[after:]:
                if params.uri == uri and (version is None or params.version == version):
                    return params
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [(p.uri, p.version) for p in self.published[after:]]
                raise TimeoutError(f"no diagnostics for {uri} v{version}; got {seen[-10:]}")
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except asyncio.TimeoutError:
                continue


def _on_publish(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.record(params)


def make_client() -> RecordingClient:
    client = RecordingClient()
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _on_publish
    register_lsp_features(client, features)
    return client


def capabilities(encodings: list[str] | None = None) -> types.ClientCapabilities:
    """A client that supports everything the server can use (like VS Code)."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind(e) for e in encodings]
            if encodings
            else None
        ),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                related_information=True,
                version_support=True,
                code_description_support=True,
                data_support=True,
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[k.value for k in types.CodeActionKind]
                    )
                ),
                is_preferred_support=True,
                data_support=True,
            ),
        ),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
            configuration=True,
            did_change_configuration=types.DidChangeConfigurationClientCapabilities(),
        ),
        notebook_document=types.NotebookDocumentClientCapabilities(
            synchronization=types.NotebookDocumentSyncClientCapabilities()
        ),
        window=types.WindowClientCapabilities(work_done_progress=True),
    )
