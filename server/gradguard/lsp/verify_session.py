"""One `gradguard.verifyCell` run as the editor sees it: work-done progress with a cancel button,
the subprocess killed on cancel (progress cancel or `$/cancelRequest`), the verdicts published
as diagnostics and a one-line summary shown.

The code runs in `verify` (a subprocess of the user's interpreter, waited for on a thread), so
the server keeps answering while a cell runs.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

from lsprotocol import types

from ..verify import CellError, HarnessError, Limits, verify_source
from ..verify.report import to_dict
from .verify_command import VerifyTarget, summary

PROGRESS_EVERY_S = 1.0


class ProgressApi(Protocol):
    tokens: dict[Any, Future[Any]]

    async def create_async(self, token: Any) -> Any: ...
    def begin(self, token: Any, value: types.WorkDoneProgressBegin) -> None: ...
    def report(self, token: Any, value: types.WorkDoneProgressReport) -> None: ...
    def end(self, token: Any, value: types.WorkDoneProgressEnd) -> None: ...


class VerifyRuns:
    """The verify runs in flight, by request id, so that a cancel can reach them."""

    def __init__(self) -> None:
        self._running: dict[Any, threading.Event] = {}
        self._threads: dict[asyncio.Future[Any], threading.Event] = {}  # every run in flight

    def cancel(self, request_id: Any) -> None:
        event = self._running.get(request_id)
        if event is not None:
            event.set()

    async def stop_all(self, timeout_s: float) -> bool:
        """Cancel every run and wait (at most `timeout_s`) until each one's process group is
        killed; False if some run did not end in time."""
        for event in self._threads.values():
            event.set()
        if not self._threads:
            return True
        _, pending = await asyncio.wait(set(self._threads), timeout=timeout_s)
        return not pending

    async def run(
        self,
        target: VerifyTarget,
        path: str,
        request_id: Any,
        progress: ProgressApi | None,
    ) -> tuple[dict[str, Any], Any]:
        """Run the target cell; returns (the verify JSON with a `message`, the VerifyResult or
        None when nothing ran)."""
        cancel = threading.Event()
        if request_id is not None:
            self._running[request_id] = cancel
        reporter = await _Progress.start(progress, f"gradguard: verifying {target.label}", cancel)
        try:
            task = asyncio.ensure_future(
                asyncio.to_thread(
                    verify_source,
                    target.source,
                    path,
                    target.cell,
                    limits=Limits(timeout=target.timeout),
                    ranges=target.ranges,
                    cancel=cancel,
                )
            )
            self._threads[task] = cancel
            task.add_done_callback(self._forget_thread)
            started = time.monotonic()
            while True:
                done, _ = await asyncio.wait({task}, timeout=PROGRESS_EVERY_S)
                if done:
                    break
                elapsed = time.monotonic() - started
                reporter.report(f"running, {elapsed:.0f} s (limit {target.timeout:g} s)")
            result = task.result()
        except asyncio.CancelledError:
            cancel.set()  # the server is going away: kill the subprocess
            reporter.end("cancelled")
            raise
        except (CellError, HarnessError, FileNotFoundError) as exc:
            message = f"gradguard verify ({target.label}): {exc}"
            reporter.end(message)
            return {"status": "error", "message": message}, None
        finally:
            self._running.pop(request_id, None)
        doc = to_dict(result)
        doc["message"] = summary(doc, target.label, lambda line: target.snapshot.where(line - 1))
        reporter.end(doc["message"])
        return doc, result

    def _forget_thread(self, task: asyncio.Future[Any]) -> None:
        self._threads.pop(task, None)


class _Progress:
    """Work-done progress if the client supports it; a no-op otherwise."""

    def __init__(self, api: ProgressApi | None, token: Any) -> None:
        self._api = api
        self._token = token

    @classmethod
    async def start(cls, api: ProgressApi | None, title: str, cancel: threading.Event) -> _Progress:
        if api is None:
            return cls(None, None)
        token = f"gradguard-verify-{uuid.uuid4()}"
        try:
            await api.create_async(token)
        except Exception:  # noqa: BLE001 - the client refused: run without progress
            return cls(None, None)
        api.begin(token, types.WorkDoneProgressBegin(title=title, cancellable=True))
        future = api.tokens.get(token)
        if future is not None:
            future.add_done_callback(_on_cancelled(cancel))
        return cls(api, token)

    def report(self, message: str) -> None:
        if self._api is not None:
            self._api.report(self._token, types.WorkDoneProgressReport(message=message))

    def end(self, message: str) -> None:
        if self._api is not None:
            self._api.end(self._token, types.WorkDoneProgressEnd(message=message))
            self._api.tokens.pop(self._token, None)
            self._api = None


def _on_cancelled(cancel: threading.Event) -> Callable[[Future[Any]], None]:
    def callback(future: Future[Any]) -> None:
        if future.cancelled():
            cancel.set()

    return callback
