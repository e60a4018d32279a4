"""`gradguard.verifyCell` through the real server: the cell runs in a subprocess under
instrumented torch, the answer names both lines, and the server keeps serving meanwhile."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from conftest import RecordingClient
from lsp_helpers import HAZARD, codes, open_text, replace_all
from lsprotocol import types
from test_lsp_lifecycle import PYTHON_M, RawServer
from test_lsp_notebooks import CELLS as NOTEBOOK_CELLS
from test_lsp_notebooks import NOTEBOOK, cell_uri, open_notebook

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


def _notes(params: types.PublishDiagnosticsParams) -> list[tuple[int, str, str]]:
    return [(d.range.start.line, str(d.code), d.message) for d in params.diagnostics]


@pytest.mark.asyncio
async def test_verdicts_published_until_the_next_edit(client: RecordingClient) -> None:
    pytest.importorskip("torch")
    open_text(client, URI, CELLS)
    await client.wait_for_diagnostics(URI)
    after = len(client.published)
    await _verify(client, {"uri": URI, "cell": 2})
    published = await client.wait_for_diagnostics(URI, after=after)
    ((line, code, message),) = _notes(published)
    assert (line, code) == (5, "GG002")
    assert message.endswith("[verify: confirmed by running cell 2]")
    assert published.version == 1
    # an edit makes the run's lines meaningless: the next publish carries no verdict
    after = len(client.published)
    replace_all(client, URI, 2, CELLS + "z = 1\n")
    published = await client.wait_for_diagnostics(URI, version=2, after=after)
    ((_, _, message),) = _notes(published)
    assert "verify" not in message


DYNAMIC = (
    "import torch\nx = torch.randn(3, requires_grad=True)\ny = torch.sigmoid(x)\n"
    'ops = {"double": "mul_"}\ngetattr(y, ops["double"])(2)\n'
)


@pytest.mark.asyncio
async def test_runtime_only_finding_becomes_a_diagnostic(client: RecordingClient) -> None:
    """No backward in the file, and an in-place call the static analysis cannot name: the run
    still sees the saved tensor modified and shows it at the in-place line, with the saver."""
    pytest.importorskip("torch")
    open_text(client, URI, DYNAMIC)
    assert not (await client.wait_for_diagnostics(URI)).diagnostics
    after = len(client.published)
    result = await _verify(client, {"uri": URI})
    assert isinstance(result, dict) and result["cell"]["index"] is None
    published = await client.wait_for_diagnostics(URI, after=after)
    (diagnostic,) = published.diagnostics
    assert diagnostic.source == "gradguard verify" and diagnostic.code == "GG002"
    assert diagnostic.range.start.line == 4
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    (related,) = diagnostic.related_information or []
    assert related.location.range.start.line == 2 and "sigmoid" in related.message


SLOW = "import os, time\nopen({pidfile!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n"


def _wait_for_pid(pidfile: Path) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if pidfile.exists() and pidfile.read_text():
            return int(pidfile.read_text())
        time.sleep(0.05)
    raise AssertionError("the cell never started")


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.asyncio
async def test_progress_and_its_cancel_button_kill_the_run(
    client: RecordingClient, tmp_path: Path
) -> None:
    pytest.importorskip("torch")
    pidfile = tmp_path / "pid"
    open_text(client, URI, SLOW.format(pidfile=str(pidfile)))
    await client.wait_for_diagnostics(URI)
    running = asyncio.ensure_future(_verify(client, {"uri": URI, "timeout": 300}))
    pid = await asyncio.to_thread(_wait_for_pid, pidfile)
    (token,) = [t for t in client.progress_reports if str(t).startswith("gradguard-verify")]
    begin = client.progress_reports[token][0]
    assert isinstance(begin, types.WorkDoneProgressBegin) and begin.cancellable
    assert begin.title == "gradguard: verifying the file"
    client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    result = await asyncio.wait_for(running, 20)
    assert isinstance(result, dict) and result["status"] == "cancelled"
    assert await asyncio.to_thread(_gone, pid)
    assert isinstance(client.progress_reports[token][-1], types.WorkDoneProgressEnd)
    assert any("cancelled" in m.message for m in client.messages)


def test_cancel_request_kills_the_run(tmp_path: Path) -> None:
    """`$/cancelRequest` for a running verify: the answer is RequestCancelled and the cell's
    process group is gone; the server goes on serving."""
    pytest.importorskip("torch")
    pidfile = tmp_path / "pid"
    server = RawServer(PYTHON_M)
    try:
        server.initialize()
        text = SLOW.format(pidfile=str(pidfile))
        item = {"uri": URI, "languageId": "python", "version": 1, "text": text}
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        command = {"command": "gradguard.verifyCell", "arguments": [{"uri": URI}]}
        server.send({"id": 99, "method": "workspace/executeCommand", "params": command})
        pid = _wait_for_pid(pidfile)
        server.send({"method": "$/cancelRequest", "params": {"id": 99}})
        while (answer := server.receive()).get("id") != 99:
            pass
        assert answer["error"]["code"] == -32800  # RequestCancelled
        assert _gone(pid)
        _assert_serving(server)
    finally:
        server.process.kill()
        server.process.wait()


def test_shutdown_while_a_cell_runs(tmp_path: Path) -> None:
    """`shutdown` during a verify run answers null (it was -32603 "dictionary changed size
    during iteration"), after the run's whole process group is killed: the cell and a process
    it started."""
    pytest.importorskip("torch")
    pidfile = tmp_path / "pid"
    server = RawServer(PYTHON_M)
    try:
        server.initialize()
        text = SLOW_WITH_CHILD.format(pidfile=str(pidfile))
        item = {"uri": URI, "languageId": "python", "version": 1, "text": text}
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        command = {"command": "gradguard.verifyCell", "arguments": [{"uri": URI}]}
        server.send({"id": 99, "method": "workspace/executeCommand", "params": command})
        deadline = time.monotonic() + 60
        while len(pidfile.read_text().split() if pidfile.exists() else ()) < 2:
            assert time.monotonic() < deadline, "the cell never started"
            time.sleep(0.05)
        pids = [int(pid) for pid in pidfile.read_text().split()]
        answers = {}
        server.send({"id": 100, "method": "shutdown"})
        while 100 not in answers:
            message = server.receive()
            if "method" not in message:
                answers[message["id"]] = message
        assert answers[100] == {"jsonrpc": "2.0", "id": 100, "result": None}
        while 99 not in answers:  # the run's own request is answered too
            message = server.receive()
            if "method" not in message:
                answers[message["id"]] = message
        run = answers[99]
        if "result" in run:
            assert run["result"]["status"] == "cancelled"
        else:
            assert run["error"]["code"] == -32800  # RequestCancelled
        assert all(_gone(pid) for pid in pids)
        server.send({"method": "exit"})
        assert server.wait() == 0
    finally:
        server.process.kill()
        server.process.wait()


SLOW_WITH_CHILD = (
    "import os, subprocess, time\n"
    "child = subprocess.Popen(['sleep', '600'])\n"
    "open({pidfile!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n"
    "time.sleep(600)\n"
)


def _assert_serving(server: RawServer) -> None:
    hover = {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}
    assert "result" in server.request("textDocument/hover", hover)


@pytest.mark.asyncio
async def test_verify_a_notebook_cell(client: RecordingClient) -> None:
    """The cell's own URI: the code cells before it run first; the verdict lands on the cell's
    diagnostic, the saving op's line in another cell."""
    pytest.importorskip("torch")
    open_notebook(client, NOTEBOOK_CELLS, "jupyter-notebook")
    await client.wait_for_diagnostics(cell_uri(2))
    after = len(client.published)
    result = await _verify(client, {"uri": cell_uri(2)})
    assert isinstance(result, dict), result
    assert result["status"] == "ok" and result["cell"]["index"] == 2
    (finding,) = result["findings"]
    assert finding["kind"] == "GG002"
    published = await client.wait_for_diagnostics(cell_uri(2), after=after)
    (diagnostic,) = published.diagnostics
    assert diagnostic.range.start.line == 1
    assert diagnostic.message.endswith("[verify: confirmed by running cell 3]")
    result = await _verify(client, {"uri": NOTEBOOK, "cell": 2})
    assert isinstance(result, dict) and "not a Python code cell" in result["message"]


@pytest.mark.asyncio
async def test_the_vscode_clients_notebook_argument(client: RecordingClient) -> None:
    """What the VS Code client sends: the notebook's URI, `cellIndex` and `cellUri`, and
    `quiet` (it shows the answer itself, so no window/showMessage)."""
    pytest.importorskip("torch")
    open_notebook(client, NOTEBOOK_CELLS, "jupyter-notebook")
    await client.wait_for_diagnostics(cell_uri(2))
    shown = len(client.messages)
    argument = {"uri": NOTEBOOK, "cellIndex": 2, "cellUri": cell_uri(2), "quiet": True}
    result = await _verify(client, argument)
    assert isinstance(result, dict) and result["cell"]["index"] == 2, result
    assert result["message"].startswith(
        "gradguard verify (cell 3): ran to the end; 1 runtime finding"
    )
    assert len(client.messages) == shown
    result = await _verify(client, {"uri": NOTEBOOK, "cellIndex": 0, "quiet": True})
    assert isinstance(result, dict) and result["cell"]["index"] == 1 and not result["findings"]
    # lines in the summary are the notebook's: the backward in the last cell
    result = await _verify(client, {"uri": cell_uri(3), "quiet": True})
    assert isinstance(result, dict)
    assert result["message"].startswith("gradguard verify (cell 4): RuntimeError at cell 4, line 2")


@pytest.mark.parametrize(
    ("body", "status", "timeout"),
    [
        ("import time\ntime.sleep(600)\n", "timeout", 3),
        ("import os\nos.abort()\n", "crashed", 60),
        ("import sys\nsys.exit(3)\n", "error", 60),
        ("import torch\n", "no_torch", 60),
    ],
    ids=["timeout", "abort", "sys-exit", "no-torch"],
)
def test_failed_runs_get_their_status_and_the_server_serves_on(
    tmp_path: Path, body: str, status: str, timeout: int
) -> None:
    """A cell that hangs, crashes or exits, or an interpreter without torch (here a `torch`
    package that fails to import, first on PYTHONPATH): the documented status comes back and
    the next request is answered."""
    env = dict(os.environ)
    if status == "no_torch":
        fake = tmp_path / "fake" / "torch"
        fake.mkdir(parents=True)
        (fake / "__init__.py").write_text("raise ImportError('no torch here')\n")
        env["PYTHONPATH"] = os.pathsep.join([str(fake.parent), env.get("PYTHONPATH", "")])
    server = RawServer(PYTHON_M, env)
    try:
        server.initialize()
        item = {"uri": URI, "languageId": "python", "version": 1, "text": body}
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        command = {
            "command": "gradguard.verifyCell",
            "arguments": [{"uri": URI, "timeout": timeout}],
        }
        # torch's import and a crash dump take a while on a loaded machine
        answer = server.request("workspace/executeCommand", command, timeout=120)
        assert answer["result"]["status"] == status, answer
        _assert_serving(server)
    finally:
        server.process.kill()
        server.process.wait()


@pytest.mark.asyncio
async def test_code_lens_over_each_cell_marker(client: RecordingClient) -> None:
    """For every client: a lens per `# %%` marker whose command verifies that cell."""
    text = "import torch\n# %% setup\nx = 1\n# %%\ny = 2\n"
    open_text(client, URI, text)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert lenses is not None
    got = [
        (lens.range.start.line, list(lens.command.arguments or []))
        for lens in lenses
        if lens.command
    ]
    assert got == [(1, [{"uri": URI, "cell": 2}]), (3, [{"uri": URI, "cell": 3}])]
    assert all(lens.command and lens.command.command == "gradguard.verifyCell" for lens in lenses)
    open_text(client, "file:///tmp/gg_verify/plain.py", "x = 1\n")
    assert not await client.text_document_code_lens_async(
        types.CodeLensParams(
            text_document=types.TextDocumentIdentifier(uri="file:///tmp/gg_verify/plain.py")
        )
    )
