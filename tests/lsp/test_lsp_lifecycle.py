"""Start-up, capabilities, malformed messages and shutdown/exit, spoken as raw JSON-RPC over the
server's stdio (so every byte on stdout must be a protocol frame)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

PYTHON_M = [sys.executable, "-m", "gradguard", "server"]
SCRIPT = Path(sys.executable).parent / "gradguard"


class RawServer:
    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        # unbuffered: `receive` selects on the pipe, which must not hide messages that a
        # buffered reader already pulled in
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            bufsize=0,
        )
        self._next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self, timeout: float = 20.0) -> dict[str, Any]:
        stdout = self.process.stdout
        assert stdout is not None
        ready, _, _ = select.select([stdout], [], [], timeout)
        assert ready, "the server did not answer"
        length = None
        while (line := stdout.readline()) not in (b"\r\n", b""):
            name, value = line.decode("ascii").split(":", 1)
            if name.lower() == "content-length":
                length = int(value)
        assert length is not None, "not an LSP frame"
        body = b""
        while len(body) < length:  # an unbuffered pipe may return less than asked
            chunk = stdout.read(length - len(body))
            assert chunk, "the server closed its output mid-message"
            body += chunk
        message: dict[str, Any] = json.loads(body)
        return message

    def request(self, method: str, params: Any = None, timeout: float = 20.0) -> dict[str, Any]:
        self._next_id += 1
        self.send({"id": self._next_id, "method": method, "params": params})
        while True:
            message = self.receive(timeout)
            if message.get("id") == self._next_id and "method" not in message:
                return message

    def initialize(self) -> dict[str, Any]:
        capabilities = {"notebookDocument": {"synchronization": {}}}
        answer = self.request(
            "initialize", {"processId": os.getpid(), "capabilities": capabilities}
        )
        self.send({"method": "initialized", "params": {}})
        return answer

    def wait(self, timeout: float = 20.0) -> int:
        return self.process.wait(timeout)


@pytest.fixture
def raw_server() -> Any:
    server = RawServer(PYTHON_M)
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait()


def test_capabilities(raw_server: RawServer) -> None:
    capabilities = raw_server.initialize()["result"]["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert capabilities["textDocumentSync"]["save"] == {"includeText": False}
    assert capabilities["hoverProvider"]
    assert set(capabilities["codeActionProvider"]["codeActionKinds"]) == {
        "quickfix",
        "source.fixAll.gradguard",
        "notebook.source.fixAll.gradguard",
    }
    selectors = capabilities["notebookDocumentSync"]["notebookSelector"]
    assert {s["notebook"] for s in selectors} == {"jupyter-notebook", "interactive"}
    assert all(s["cells"] == [{"language": "python"}] for s in selectors)


def test_shutdown_then_exit_returns_zero(raw_server: RawServer) -> None:
    raw_server.initialize()
    assert raw_server.request("shutdown")["result"] is None
    raw_server.send({"method": "exit"})
    assert raw_server.wait() == 0


def test_exit_without_shutdown_returns_one(raw_server: RawServer) -> None:
    raw_server.initialize()
    raw_server.send({"method": "exit"})
    assert raw_server.wait() == 1


def test_end_of_input_stops_the_server(raw_server: RawServer) -> None:
    raw_server.initialize()
    assert raw_server.process.stdin is not None
    raw_server.process.stdin.close()
    assert raw_server.wait() == 1


def test_malformed_messages_get_answers_and_the_server_goes_on(raw_server: RawServer) -> None:
    raw_server.initialize()
    bad = raw_server.request("textDocument/hover", {"textDocument": 5, "position": "nowhere"})
    assert bad["error"]["code"] == -32602  # InvalidParams
    raw_server.send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": 3}}})
    assert raw_server.process.stdin is not None
    raw_server.process.stdin.write(b"Content-Length: 5\r\n\r\n{{{{{")  # not JSON at all
    raw_server.send({"method": "$/setTrace", "params": {"value": "verbose"}})
    uri = "file:///tmp/gg_lifecycle/a.py"
    text = "import torch\nw = torch.ones(2, requires_grad=True)\nw.add_(1)\n"
    raw_server.send(
        {
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}
            },
        }
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        message = raw_server.receive()
        if message.get("method") == "textDocument/publishDiagnostics":
            assert [d["code"] for d in message["params"]["diagnostics"]] == ["GG001"]
            break
    else:
        pytest.fail("no diagnostics after malformed input")
    raw_server.request("shutdown")
    raw_server.send({"method": "exit"})
    assert raw_server.wait() == 0


def test_a_request_without_jsonrpc_is_answered(raw_server: RawServer) -> None:
    raw_server.initialize()
    body = json.dumps({"id": 7, "method": "textDocument/hover", "params": {}}).encode()
    assert raw_server.process.stdin is not None
    raw_server.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    answer = raw_server.receive()
    assert answer["id"] == 7 and answer["error"]["code"] == -32600  # InvalidRequest
    assert "result" in raw_server.request("textDocument/hover", _HOVER)  # still serving


def test_a_request_before_initialize_is_refused(raw_server: RawServer) -> None:
    answer = raw_server.request("textDocument/hover", _HOVER)
    assert answer["error"]["code"] == -32002  # ServerNotInitialized
    raw_server.send({"method": "textDocument/didOpen", "params": _OPEN})  # dropped
    assert raw_server.initialize()["result"]["capabilities"]
    assert raw_server.request("textDocument/hover", _HOVER)["result"] is None  # never opened


def test_requests_after_shutdown_are_refused(raw_server: RawServer) -> None:
    raw_server.initialize()
    assert raw_server.request("shutdown") == {"jsonrpc": "2.0", "id": 2, "result": None}
    answer = raw_server.request("textDocument/hover", _HOVER)
    assert answer["error"] == {"code": -32600, "message": "server is shutting down"}
    assert raw_server.request("shutdown")["error"]["code"] == -32600
    raw_server.send({"method": "exit"})
    assert raw_server.wait() == 0


_URI = "file:///tmp/gg_lifecycle/b.py"
_HOVER = {"textDocument": {"uri": _URI}, "position": {"line": 0, "character": 0}}
_OPEN = {"textDocument": {"uri": _URI, "languageId": "python", "version": 1, "text": "x = 1\n"}}


@pytest.mark.skipif(not SCRIPT.exists(), reason="the gradguard script is not installed")
def test_console_script_entry_point() -> None:
    server = RawServer([str(SCRIPT), "server", "--stdio"])
    try:
        assert server.initialize()["result"]["serverInfo"]["name"] == "gradguard"
        server.request("shutdown")
        server.send({"method": "exit"})
        assert server.wait() == 0
    finally:
        if server.process.poll() is None:
            server.process.kill()
