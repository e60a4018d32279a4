"""`gradguard.verifyCell` through the real server: the cell runs in a subprocess under
instrumented torch, the answer names both lines, and the server keeps serving meanwhile."""

from __future__ import annotations

import pytest
from conftest import RecordingClient
from lsp_helpers import HAZARD, codes, open_text
from lsprotocol import types
from test_lsp_lifecycle import PYTHON_M, RawServer

URI = "file:///tmp/gg_verify/train.py"
CELLS = (
    "# %%\nimport torch\nx = torch.randn(3, requires_grad=True)\n"
    "# %%\ny = torch.sigmoid(x)\ny.mul_(2)\ny.sum().backward()\n"
)


async def _verify(client: RecordingClient, argument: object) -> object:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="gradguard.verifyCell", arguments=[argument])
    )


def test_command_is_advertised() -> None:
    server = RawServer(PYTHON_M)
    try:
        answer = server.initialize()
        provider = answer["result"]["capabilities"]["executeCommandProvider"]
        assert "gradguard.verifyCell" in provider["commands"]
    finally:
        server.process.kill()
        server.process.wait()


@pytest.mark.asyncio
async def test_verify_the_cell_at_the_cursor(client: RecordingClient) -> None:
    pytest.importorskip("torch")
    open_text(client, URI, CELLS)
    await client.wait_for_diagnostics(URI)
    result = await _verify(client, {"uri": URI, "position": {"line": 5, "character": 0}})
    assert isinstance(result, dict), result
    assert result["status"] == "error" and result["cell"]["index"] == 2
    (finding,) = result["findings"]
    assert finding["kind"] == "GG002"
    assert (finding["inplace"]["line"], finding["saved_by"]["line"]) == (6, 5)
    assert {(v["line"], v["verdict"]) for v in result["verdicts"]} == {(6, "confirmed")}
    assert any("1/1 static findings confirmed" in m.message for m in client.messages)
    # still serving
    open_text(client, "file:///tmp/gg_verify/other.py", HAZARD)
    assert codes(await client.wait_for_diagnostics("file:///tmp/gg_verify/other.py"))


@pytest.mark.asyncio
async def test_bad_requests_get_a_message(client: RecordingClient) -> None:
    open_text(client, URI, CELLS)
    result = await _verify(client, {"uri": URI, "cell": 7})
    assert isinstance(result, dict) and "no cell 7" in result["message"]
    result = await _verify(client, {"uri": "file:///tmp/gg_verify/closed.py"})
    assert isinstance(result, dict) and "not an open document" in result["message"]
