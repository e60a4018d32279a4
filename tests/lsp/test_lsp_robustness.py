"""Bad input never takes the server down: huge and binary documents, unknown URIs, out-of-range
positions, requests for closed documents, unknown methods. (Malformed JSON-RPC is sent raw in
test_lsp_lifecycle.py.)"""

from __future__ import annotations

import random

import pytest
from lsp_client import RecordingClient
from lsp_helpers import HAZARD, codes, edit, open_text
from lsprotocol import types
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/gg_robust/train.py"
ORIGIN = types.Position(line=0, character=0)


async def _still_works(client: RecordingClient, uri: str = "file:///tmp/gg_robust/ok.py") -> None:
    open_text(client, uri, HAZARD)
    assert codes(await client.wait_for_diagnostics(uri)) == [(4, "GG002")]


async def test_huge_and_binary_documents(client: RecordingClient) -> None:
    huge = HAZARD + "a = 1\n" * 1_000_000  # 6 MB: over the engine's size limit
    rng = random.Random(7)
    binary = "".join(chr(rng.randrange(0, 256)) for _ in range(20_000)) + "\x00" + HAZARD
    open_text(client, "file:///tmp/gg_robust/huge.py", huge)
    open_text(client, "file:///tmp/gg_robust/binary.py", binary)
    assert not (await client.wait_for_diagnostics("file:///tmp/gg_robust/huge.py")).diagnostics
    assert not (await client.wait_for_diagnostics("file:///tmp/gg_robust/binary.py")).diagnostics
    await _still_works(client)


async def test_unknown_and_closed_documents(client: RecordingClient) -> None:
    ghost = "file:///tmp/gg_robust/never_opened.py"
    edit(client, ghost, 2, (0, 0), (0, 0), "x")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=ghost))
    )
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=ghost))
    )
    open_text(client, URI, HAZARD)
    await client.wait_for_diagnostics(URI)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    for uri in (ghost, URI, "untitled:Untitled-1", "weird scheme://%%%"):
        document = types.TextDocumentIdentifier(uri=uri)
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=document, position=ORIGIN)
        )
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=document,
                range=types.Range(start=ORIGIN, end=ORIGIN),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        assert hover is None and not actions
    await _still_works(client)


async def test_out_of_range_positions_are_clamped(client: RecordingClient) -> None:
    start = "import torch\nx = torch.randn(3, requires_grad=True)\n"
    open_text(client, URI, start)
    await client.wait_for_diagnostics(URI, version=1)
    edit(client, URI, 2, (999, 5), (1000, 0), "x.add_(1)\n")  # past the end: appended
    assert codes(await client.wait_for_diagnostics(URI, version=2)) == [(3, "GG001")]
    edit(client, URI, 3, (2, 400), (2, 900), "  # past the line's end: appended to the line")
    assert codes(await client.wait_for_diagnostics(URI, version=3)) == [(3, "GG001")]
    edit(client, URI, 4, (2, 5), (1, 0), "")  # end before start: nothing removed
    assert codes(await client.wait_for_diagnostics(URI, version=4)) == [(3, "GG001")]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=500, character=500),
        )
    )
    assert hover is None


async def test_unknown_method(client: RecordingClient) -> None:
    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async("gradguard/noSuchMethod", {})
    await _still_works(client)
