"""Malformed frames (a header without a valid Content-Length, a length too short, bytes between
frames) are logged and the server reads on: it never goes deaf without a word."""

from __future__ import annotations

import io
import json
import os

import pytest
from gradguard.lsp.framing import FdStream, frames
from test_lsp_lifecycle import PYTHON_M, RawServer


def _frame(message: dict[str, object], header: bytes | None = None) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    if header is None:
        header = b"Content-Length: %d\r\n" % len(body)
    return header + b"\r\n" + body


GOOD = _frame({"id": 1, "method": "shutdown"})
BAD_HEADERS = {
    "missing": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n",
    "abc": b"Content-Length: abc\r\n",
    "negative": b"Content-Length: -1\r\n",
    "zero": b"Content-Length: 0\r\n",
}


@pytest.mark.parametrize("name", sorted(BAD_HEADERS))
def test_bad_header_is_reported_and_the_next_frame_read(name: str) -> None:
    stream = io.BytesIO(_frame({"method": "initialized"}, BAD_HEADERS[name]) + GOOD)
    problem, body = list(frames(stream))
    assert isinstance(problem, str) and "frame skipped" in problem
    assert body == GOOD.split(b"\r\n\r\n", 1)[1]


def test_too_short_length_leaves_a_tail_that_is_skipped() -> None:
    stream = io.BytesIO(b"Content-Length: 5\r\n\r\n" + GOOD.split(b"\r\n\r\n", 1)[1] + GOOD)
    first, tail, body = list(frames(stream))
    assert first == b'{"jso'  # the dispatcher reports it as not JSON
    assert isinstance(tail, str) and "skipped" in tail
    assert body == GOOD.split(b"\r\n\r\n", 1)[1]


def test_good_frames_pass_untouched_and_eof_inside_a_body_ends() -> None:
    stream = io.BytesIO(b"\r\n" + GOOD + GOOD + b"Content-Length: 100\r\n\r\n{")
    assert list(frames(stream)) == [GOOD.split(b"\r\n\r\n", 1)[1]] * 2


def test_fd_stream_reads_lines_and_exact_sizes() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"Content-Length: 3\r\n\r\nabcdef")
    os.close(write_end)
    stream = FdStream(read_end)
    assert stream.readline() == b"Content-Length: 3\r\n"
    assert stream.readline() == b"\r\n"
    assert stream.read(3) == b"abc"
    assert stream.readline() == b"def"  # the end of input ends the line
    assert stream.read(1) == b""
    os.close(read_end)


@pytest.mark.parametrize("name", [*sorted(BAD_HEADERS), "too short"])
def test_server_logs_a_bad_frame_and_answers_the_next_request(name: str) -> None:
    server = RawServer(PYTHON_M)
    try:
        server.initialize()
        hover = {
            "id": 50,
            "method": "textDocument/hover",
            "params": {
                "textDocument": {"uri": "file:///tmp/gg_framing/a.py"},
                "position": {"line": 0, "character": 0},
            },
        }
        if name == "too short":
            body = _frame(hover).split(b"\r\n\r\n", 1)[1]
            bad = b"Content-Length: 7\r\n\r\n" + body
        else:
            bad = _frame(hover, BAD_HEADERS[name])
        assert server.process.stdin is not None
        server.process.stdin.write(bad)
        server.send({**hover, "id": 51})
        logs = []
        while (message := server.receive()).get("id") != 51:
            assert message.get("id") != 50, "the malformed frame was read as a message"
            if message.get("method") == "window/logMessage":
                logs.append(message["params"]["message"])
        assert "result" in message
        assert any("malformed message from the client" in log for log in logs), logs
    finally:
        server.process.kill()
        server.process.wait()
