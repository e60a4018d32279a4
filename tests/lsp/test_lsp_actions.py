"""Code actions (quick-fixes, preferred fix, suppression, fix-all), hover, and cancellation."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsp_client import RecordingClient
from lsp_helpers import HAZARD, apply_edits, codes, document_edits, edit, open_text, replace_all
from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/gg_actions/train.py"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "train_step.py"


def _context(
    diagnostics: list[types.Diagnostic], only: list[str] | None = None
) -> types.CodeActionContext:
    return types.CodeActionContext(diagnostics=diagnostics, only=only)


async def _actions(
    client: RecordingClient,
    uri: str,
    diagnostics: list[types.Diagnostic],
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    at = (
        diagnostics[0].range
        if diagnostics
        else types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        )
    )
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=at,
            context=_context(diagnostics, only),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


async def test_quick_fixes_preferred_first_and_versioned(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD, version=3)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    offered = await _actions(client, URI, [diagnostic])
    assert [a.kind for a in offered].count("source.fixAll.gradguard") == 1
    actions = [a for a in offered if a.kind == types.CodeActionKind.QuickFix]
    titles = [a.title for a in actions]
    assert titles == [
        "Rewrite `y.mul_(2)` as `y = y.mul(2)`",
        "Clone the output of `sigmoid`",
        "Disable GG002 for this line",
    ]
    assert [a.is_preferred for a in actions] == [True, None, None]
    version, edits = document_edits(actions[0], URI)
    assert version == 3
    fixed = apply_edits(HAZARD, edits)
    assert "y = y.mul(2)" in fixed
    replace_all(client, URI, 4, fixed)
    assert not (await client.wait_for_diagnostics(URI, version=4)).diagnostics


async def test_disable_for_this_line(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    (disable,) = [a for a in await _actions(client, URI, [diagnostic]) if "Disable" in a.title]
    _, edits = document_edits(disable, URI)
    silenced = apply_edits(HAZARD, edits)
    assert "y.mul_(2)  # gradguard: ignore[GG002]" in silenced
    replace_all(client, URI, 2, silenced)
    assert not (await client.wait_for_diagnostics(URI, version=2)).diagnostics


async def test_actions_for_an_outdated_version_are_not_offered(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    edit(client, URI, 2, (0, 0), (0, 0), "\n")
    await client.wait_for_diagnostics(URI, version=2)
    assert await _actions(client, URI, [diagnostic], ["quickfix"]) == []


async def test_quick_fixes_without_data_come_from_the_stored_result(
    client: RecordingClient,
) -> None:
    open_text(client, URI, HAZARD)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    stripped = types.Diagnostic(
        range=diagnostic.range, message=diagnostic.message, code="GG002", source="gradguard"
    )
    actions = await _actions(client, URI, [stripped], ["quickfix"])
    assert len(actions) == 3 and actions[0].is_preferred


async def test_fix_all_makes_the_example_run(client: RecordingClient) -> None:
    pytest.importorskip("torch")
    from harness.torch_run import run_source

    uri = EXAMPLE.as_uri()
    text = EXAMPLE.read_text()
    assert not run_source(text, str(EXAMPLE)).ok
    open_text(client, uri, text)
    before = await client.wait_for_diagnostics(uri)
    assert len(before.diagnostics) >= 3
    (action,) = await _actions(client, uri, [], ["source.fixAll"])
    assert action.kind == "source.fixAll.gradguard"
    version, edits = document_edits(action, uri)
    assert version == 1
    fixed = apply_edits(text, edits)
    replace_all(client, uri, 2, fixed)
    after = await client.wait_for_diagnostics(uri, version=2)
    assert not after.diagnostics, codes(after)
    assert run_source(fixed, str(EXAMPLE)).ok


async def test_hover_names_the_saving_op_and_line(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    await client.wait_for_diagnostics(URI)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=3, character=3),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    first, second, *story = hover.contents.value.split("\n\n")
    assert "Show autograd story" in story[-1]
    assert "GG002" in first and "y.mul_(2)" in first
    assert "torch.sigmoid(x)" in second and "line 3" in second
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=0, character=2),
        )
    )
    assert nothing is None


@pytest.mark.lsp_init(options={"debounceMs": 3000})
async def test_cancelled_request_is_not_processed(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    await client.wait_for_diagnostics(URI)
    edit(client, URI, 2, (0, 0), (0, 0), "\n")  # analysis now pending for 3 s
    request = asyncio.ensure_future(
        client.protocol.send_request_async(
            types.TEXT_DOCUMENT_CODE_ACTION,
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=URI),
                range=types.Range(
                    start=types.Position(line=0, character=0),
                    end=types.Position(line=0, character=0),
                ),
                context=_context([], ["source.fixAll"]),
            ),
            msg_id="fix-all-to-cancel",
        )
    )
    await asyncio.sleep(0.2)
    client.protocol.notify("$/cancelRequest", types.CancelParams(id="fix-all-to-cancel"))
    with pytest.raises(JsonRpcRequestCancelled):
        await asyncio.wait_for(request, 2.0)
