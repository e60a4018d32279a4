"""Reading the client's messages off stdin without ever going deaf on a bad frame.

pygls' reader (`pygls.io_.run_async`) waits for a header with a valid `Content-Length`; a frame
without one (missing, `abc`, `-1`) leaves it waiting for a header that never comes, and a length
too short leaves the rest of the body in front of the next header, where it is never found
either: the server stays alive, never answers again and logs nothing. Here every bad frame is
logged and the reader resynchronises: the next header is the last `Content-Length:` on a line
(the rest of a body runs into the header that follows it, with no line break in between).
Messages are read on a daemon thread (a blocked read never holds up the server's exit) and
handed to the protocol on the event loop, as pygls does.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol

logger = logging.getLogger(__name__)

LENGTH_HEADER = b"content-length:"
MAX_BODY_BYTES = 1 << 30  # a length past this is a corrupt header, not a message


class MessageSink(Protocol):
    def structure_message(self, data: dict[str, Any]) -> Any: ...
    def handle_message(self, message: Any) -> None: ...


class FdStream:
    """`readline` and `read` over a file descriptor, buffered here: a thread blocked in it holds
    none of the locks of Python's io objects, which the interpreter's shutdown would otherwise
    wait for (and abort on)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._buffer = bytearray()

    def readline(self) -> bytes:
        scanned = 0
        while (end := self._buffer.find(b"\n", scanned)) < 0:
            scanned = len(self._buffer)
            if not self._fill():
                return self._take(len(self._buffer))
        return self._take(end + 1)

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size and self._fill():
            pass
        return self._take(min(size, len(self._buffer)))

    def _fill(self) -> bool:
        chunk = os.read(self._fd, 1 << 16)
        self._buffer += chunk
        return bool(chunk)

    def _take(self, size: int) -> bytes:
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out


class Stream(Protocol):
    def readline(self) -> bytes: ...
    def read(self, size: int) -> bytes: ...


def frames(stream: Stream) -> Iterator[bytes | str]:
    """Message bodies read off `stream`, and (as str) the problems met on the way, until the
    input ends."""
    length: int | None = None
    problem: str | None = None
    in_header = False
    resyncing = False  # after a problem: skip silently up to the next good frame
    while line := stream.readline():
        if not line.strip():  # the end of a header
            if not in_header:
                continue  # a stray line break between frames
            if length is not None and problem is None:
                body = stream.read(length)
                if len(body) < length:
                    return  # the input ended inside the message
                yield body
                resyncing = False
            else:
                yield f"{problem or 'a header without Content-Length'}: frame skipped"
                resyncing = True
            length, problem, in_header = None, None, False
            continue
        start = line.lower().rfind(LENGTH_HEADER)
        if start > 0 or (start < 0 and not _is_header(line)):  # not (only) a header
            if not resyncing:
                skipped = len(line) if start < 0 else start
                yield f"{skipped} bytes that are not part of a frame skipped"
                resyncing = True
            length, problem, in_header = None, None, False
            if start < 0:
                continue
        in_header = True
        if start >= 0:
            length, problem = _content_length(line[start + len(LENGTH_HEADER) :])


def _is_header(line: bytes) -> bool:
    name, colon, _ = line.partition(b":")
    return bool(colon) and bool(name) and all(33 <= c <= 126 for c in name)


def _content_length(raw: bytes) -> tuple[int | None, str | None]:
    value = raw.strip()
    if not value.isdigit() or not 0 < int(value) <= MAX_BODY_BYTES:
        return None, f"invalid Content-Length {value.decode('latin-1')!r}"
    return int(value), None


async def serve(stdin: Stream, protocol: MessageSink, report: Callable[[str], None]) -> None:
    """Hand every message to the protocol until the input ends; report bad frames and bodies."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes | str | None] = asyncio.Queue()

    def pump() -> None:
        try:
            for item in frames(stdin):
                loop.call_soon_threadsafe(queue.put_nowait, item)
        except (OSError, ValueError) as exc:  # stdin closed under us
            logger.info("reading stdin ended: %r", exc)
        except RuntimeError:  # the event loop is closed: the server is exiting
            return
        try:
            loop.call_soon_threadsafe(queue.put_nowait, None)
        except RuntimeError:
            return

    threading.Thread(target=pump, name="gradguard-stdin", daemon=True).start()
    while (item := await queue.get()) is not None:
        if isinstance(item, str):
            report(f"gradguard: malformed message from the client: {item}")
        else:
            _dispatch(item, protocol, report)


def _dispatch(body: bytes, protocol: MessageSink, report: Callable[[str], None]) -> None:
    try:
        message = json.loads(body, object_hook=protocol.structure_message)
    except ValueError as exc:  # not JSON (UnicodeDecodeError is a ValueError too)
        report(f"gradguard: malformed message from the client: not JSON ({exc}); dropped")
        return
    except Exception as exc:  # noqa: BLE001 - params that do not fit (a request is answered)
        report(f"gradguard: message not understood: {exc!r}")
        return
    if isinstance(message, (list, str, int, float, bool)) or message is None:
        report("gradguard: malformed message from the client: not a JSON object; dropped")
        return
    try:
        protocol.handle_message(message)
    except Exception as exc:  # one bad message: the server reads on
        logger.exception("handling a message")
        report(f"gradguard: internal error handling a message: {exc!r}")
