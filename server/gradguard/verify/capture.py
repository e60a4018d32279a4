"""Bounded capture of the subprocess's stdout/stderr: a chatty training loop must not fill memory.

Keeps the head and the tail (the end of a log usually says what went wrong) and counts the bytes
dropped in between.
"""

from __future__ import annotations

import threading
from typing import IO


class BoundedBuffer:
    def __init__(self, limit: int) -> None:
        self._head_limit = limit * 3 // 4
        self._tail_limit = limit - self._head_limit
        self._head = bytearray()
        self._tail = bytearray()
        self._dropped = 0

    def feed(self, data: bytes) -> None:
        room = self._head_limit - len(self._head)
        if room > 0:
            self._head += data[:room]
            data = data[room:]
        if not data:
            return
        self._tail += data
        excess = len(self._tail) - self._tail_limit
        if excess > 0:
            self._dropped += excess
            del self._tail[:excess]

    def text(self) -> str:
        head = self._head.decode("utf-8", "replace")
        tail = self._tail.decode("utf-8", "replace")
        if self._dropped:
            return f"{head}\n[gradguard: output truncated, {self._dropped} bytes omitted]\n{tail}"
        return head + tail


def drain(stream: IO[bytes], buffer: BoundedBuffer) -> threading.Thread:
    """Read `stream` to EOF on a daemon thread (a full pipe would block the child)."""

    read = getattr(stream, "read1", stream.read)  # read1: whatever is there, no waiting for more

    def pump() -> None:
        while chunk := read(65536):
            buffer.feed(chunk)

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread
