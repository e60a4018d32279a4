"""pygls' protocol, minus its own copy of the documents, plus an answer to malformed requests.

pygls' built-in handlers for document sync store every document in its workspace before calling
ours; that copy splits lines with `str.splitlines` (which also breaks at form feeds, U+2028 and
others, unlike LSP and Python), rewrites out-of-range positions inside the incoming params, and
raises on documents it does not know. Documents are kept in `documents.py`, so these handlers
only forward the notification to the server's handler.

A request whose params do not match the LSP types is dropped by pygls without a response, which
leaves the client waiting forever; here it gets the InvalidParams error it is owed. So does every
other request pygls would leave unanswered: one without `"jsonrpc": "2.0"` (InvalidRequest), one
before `initialize` (ServerNotInitialized, as LSP asks; notifications then are dropped, `exit`
aside) and one after `shutdown` (InvalidRequest). A `$/cancelRequest` also reaches the server
(`request_cancelled`), for requests already running.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from typing import Any

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

Forward = Generator[Any, Any, None]
logger = logging.getLogger(__name__)


class ForwardingProtocol(LanguageServerProtocol):
    _initialize_seen = False

    def handle_message(self, message: Any) -> None:
        """Answer the requests pygls would drop without a word; pass the rest on."""
        if isinstance(message, dict) or getattr(message, "jsonrpc", None) != self.VERSION:
            # pygls leaves a message without "jsonrpc" unstructured (a dict)
            self._refuse(message, JsonRpcInvalidRequest('not JSON-RPC 2.0 (no "jsonrpc": "2.0")'))
            return
        method = getattr(message, "method", None)
        if method == types.INITIALIZE:
            self._initialize_seen = True
        elif method is not None and method != types.EXIT:
            if not self._initialize_seen:
                self._refuse(message, JsonRpcServerNotInitialized("the server is not initialized"))
                return
            if self._shutdown:
                self._refuse(message, JsonRpcInvalidRequest("server is shutting down"))
                return
        super().handle_message(message)

    def _refuse(self, message: Any, error: JsonRpcException) -> None:
        """An error response to a request (logged and dropped: any other message)."""
        if isinstance(message, dict):
            msg_id, method = message.get("id"), message.get("method")
        else:
            msg_id, method = getattr(message, "id", None), getattr(message, "method", None)
        logger.warning("refused %s (id %r): %s", method or "a message", msg_id, error.message)
        if method is not None and isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool):
            self._send_response(msg_id, error=error.to_response_error())

    @lsp_method(types.SHUTDOWN)
    def lsp_shutdown(self, *args: Any) -> Forward:
        """Our handler first (it stops verify runs and their processes), then every other
        request still running is cancelled. pygls iterates over the requests while cancelling
        them, and a cancelled request's callback removes itself from what is iterated over
        ("dictionary changed size during iteration" when a verify run was in flight)."""
        yield from self._forward(types.SHUTDOWN, args[0] if args else None)
        current = self.msg_id
        for msg_id, future in list(self._request_futures.items()):
            if msg_id != current and not future.done():
                future.cancel()
        self._shutdown = True

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
