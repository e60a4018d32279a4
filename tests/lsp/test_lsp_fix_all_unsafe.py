"""Setting `fixAll.unsafe` (issue 10): the editor's fix-all leaves fixes that change what the
code computes (moving an optimizer step) out by default, and applies them when the setting is
on, sent at start-up or pushed later."""

from __future__ import annotations

import pytest
from lsp_client import RecordingClient
from lsp_helpers import apply_edits, codes, document_edits, open_text, replace_all
from lsprotocol import types

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/gg_fix_all_unsafe/gan.py"

# opt_d.step() (line 14) updates D's weights that g_loss.backward() (line 16) still needs
GAN_STEP = """import torch
import torch.nn as nn

G = nn.Linear(4, 4)
D = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
fake = G(torch.randn(8, 4))
out = D(fake)
d_loss = out.mean()
g_loss = -out.mean()
opt_d.zero_grad()
d_loss.backward(retain_graph=True)
opt_d.step()
opt_g.zero_grad()
g_loss.backward()
opt_g.step()
"""
MOVED = "g_loss.backward()\nopt_d.step()\nopt_g.step()\n"


async def _fix_all(client: RecordingClient) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


async def _moves_the_step(client: RecordingClient) -> None:
    """Fix-all moves `opt_d.step()` below the last backward; the file is clean and runs."""
    (action,) = await _fix_all(client)
    assert action.kind == "source.fixAll.gradguard" and action.title.endswith(
        "1 problem in this file"
    )
    _, edits = document_edits(action, URI)
    fixed = apply_edits(GAN_STEP, edits)
    assert fixed.endswith(MOVED)
    count = len(client.published)
    replace_all(client, URI, 2, fixed)
    assert not (await client.wait_for_diagnostics(URI, version=2, after=count)).diagnostics
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    exec(compile(fixed, "gan.py", "exec"), {})  # the original raises at g_loss.backward()


async def test_fix_all_leaves_unsafe_fixes_out_by_default(client: RecordingClient) -> None:
    open_text(client, URI, GAN_STEP)
    assert codes(await client.wait_for_diagnostics(URI)) == [(14, "GG002")]
    assert await _fix_all(client) == []


@pytest.mark.lsp_init(options={"gradguard": {"fixAll": {"unsafe": True}}})
async def test_fix_all_applies_unsafe_fixes_when_the_setting_is_on(
    client: RecordingClient,
) -> None:
    open_text(client, URI, GAN_STEP)
    await client.wait_for_diagnostics(URI)
    await _moves_the_step(client)


async def _push(client: RecordingClient, unsafe: bool) -> None:
    count = len(client.published)
    settings = {"gradguard": {"fixAll": {"unsafe": unsafe}}}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))
    await client.wait_for_diagnostics(URI, after=count)  # settings changed: analysed again


async def test_pushed_setting_turns_unsafe_fixes_on_and_off(client: RecordingClient) -> None:
    open_text(client, URI, GAN_STEP)
    await client.wait_for_diagnostics(URI)
    await _push(client, True)
    assert len(await _fix_all(client)) == 1
    await _push(client, False)
    assert await _fix_all(client) == []
    await _push(client, True)
    await _moves_the_step(client)


async def test_a_bad_value_is_reported_and_ignored(client: RecordingClient) -> None:
    bad = {"gradguard": {"fixAll": {"unsafe": "yes"}}}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=bad))
    open_text(client, URI, GAN_STEP)
    await client.wait_for_diagnostics(URI)
    assert await _fix_all(client) == []
    warnings = [m.message for m in client.log_messages if m.type == types.MessageType.Warning]
    assert any("fixAll.unsafe" in m for m in warnings)
