"""pygls' protocol, minus its own copy of the documents, plus an answer to malformed requests.

pygls' built-in handlers for document sync store every document in its workspace before calling
ours; that copy splits lines with `str.splitlines` (which also breaks at form feeds, U+2028 and
others, unlike LSP and Python), rewrites out-of-range positions inside the incoming params, and
raises on documents it does not know. Documents are kept in `documents.py`, so these handlers
only forward the notification to the server's handler.

A request whose params do not match the LSP types is dropped by pygls without a response, which
leaves the client waiting forever; here it gets the InvalidParams error it is owed. A
`$/cancelRequest` also reaches the server (`request_cancelled`), for requests already running.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

Forward = Generator[Any, Any, None]


class ForwardingProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=error.to_response_error())
            raise

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        """pygls only cancels requests that have not started; a running verify is told too,
        so that it kills its subprocess."""
        on_cancel = getattr(self._server, "request_cancelled", None)
        if on_cancel is not None:
            on_cancel(msg_id)
        super()._handle_cancel_notification(msg_id)

    def _forward(self, method: str, params: Any) -> Forward:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Forward:
        yield from self._forward(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Forward:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Forward:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def lsp_notebook_document__did_open(
        self, params: types.DidOpenNotebookDocumentParams
    ) -> Forward:
        yield from self._forward(types.NOTEBOOK_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def lsp_notebook_document__did_change(
        self, params: types.DidChangeNotebookDocumentParams
    ) -> Forward:
        yield from self._forward(types.NOTEBOOK_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def lsp_notebook_document__did_close(
        self, params: types.DidCloseNotebookDocumentParams
    ) -> Forward:
        yield from self._forward(types.NOTEBOOK_DOCUMENT_DID_CLOSE, params)
