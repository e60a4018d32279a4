"""A document starting with a byte order mark (U+FEFF) is analysed as `gradguard check` reads the
file (the mark is not code), and positions on its first line still count the mark the client has:
one UTF-16 or UTF-32 code unit, three UTF-8 bytes."""

from __future__ import annotations

import pytest
from lsp_client import RecordingClient
from lsp_helpers import HAZARD, apply_edits, codes, document_edits, open_text, replace_all
from lsprotocol import types

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/gg_bom/train.py"
BOM = "\ufeff"
# a GG001 on the first line: its columns are the ones the mark shifts
ONE_LINER = "import torch; w = torch.ones(2, requires_grad=True); w.add_(1)\n"


async def test_bom_document_is_analysed(client: RecordingClient) -> None:
    open_text(client, URI, BOM + HAZARD)
    params = await client.wait_for_diagnostics(URI)
    assert codes(params) == [(4, "GG002")]
    (diagnostic,) = params.diagnostics
    assert diagnostic.range.start == types.Position(line=3, character=0)  # other lines unmoved


async def test_first_line_positions_count_the_mark(client: RecordingClient) -> None:
    text = BOM + ONE_LINER
    open_text(client, URI, text)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    assert diagnostic.code == "GG001"
    start = text.index("w.add_")  # code points = UTF-16 units here (the mark is one unit)
    assert diagnostic.range.start == types.Position(line=0, character=start)
    assert diagnostic.range.end == types.Position(line=0, character=start + len("w.add_(1)"))

    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=0, character=start + 1),
        )
    )
    assert hover is not None and "GG001" in str(hover.contents)
    before_call = types.Position(line=0, character=start - 1)  # the space before `w.add_`
    assert (
        await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=URI), position=before_call
            )
        )
        is None
    )

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    (disable,) = [a for a in actions or [] if "Disable" in a.title]
    assert isinstance(disable, types.CodeAction)
    _, edits = document_edits(disable, URI)
    silenced = apply_edits(text, edits)
    assert silenced == BOM + ONE_LINER.rstrip("\n") + "  # gradguard: ignore[GG001]\n"
    replace_all(client, URI, 2, silenced)
    assert not (await client.wait_for_diagnostics(URI, version=2)).diagnostics


@pytest.mark.lsp_init(encodings=["utf-8"])
async def test_first_line_in_utf8_counts_three_bytes(client: RecordingClient) -> None:
    text = BOM + ONE_LINER
    open_text(client, URI, text)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    prefix = text[: text.index("w.add_")]
    assert diagnostic.range.start == types.Position(line=0, character=len(prefix.encode("utf-8")))
    assert len(prefix.encode("utf-8")) == len(prefix) + 2  # the mark is 3 bytes
