"""Launch the harness in a subprocess of the user's interpreter, enforce the limits, read back.

The user's code never runs in the caller's process: it runs under `python harness.py SPEC.json`
in a contained process tree (`processes`: whatever the code starts is killed with it), with
stdin closed and stdout/stderr captured with a bound. The harness streams its results as JSON
lines into one file per job, so whatever it found before a timeout or a crash is still read back.

Once the harness says the code has finished, its interpreter gets `SHUTDOWN_GRACE_S` to exit (a
non-daemon thread or a hanging `atexit` handler would otherwise hold the run to its timeout);
then the tree is killed and the result says so, as it names the processes the code left running.

Batch mode (several jobs in one process, used by the test suite to pay torch's import once) runs
the jobs in order; when the process dies mid-way, the job that was running gets the crash or the
timeout and the jobs after it are run again in a fresh process.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .capture import BoundedBuffer, drain
from .cells import CellPlan
from .model import (
    CellInfo,
    ExceptionInfo,
    RuntimeFinding,
    Site,
    Status,
    TensorFacts,
    VerifyResult,
    WriteFact,
)
from .processes import Tree, control_for

HARNESS = Path(__file__).with_name("harness.py")
DEFAULT_TIMEOUT = 60.0
DEFAULT_OUTPUT_LIMIT = 64 * 1024
SHUTDOWN_GRACE_S = 2.0
_POLL_S = 0.05
_PIPE_GRACE_S = 0.5  # after the tree is gone, how long its pipes may take to drain


class HarnessError(RuntimeError):
    """The harness itself failed (a gradguard bug, not the user's code)."""


@dataclass(frozen=True)
class Job:
    path: str
    source: str
    plan: CellPlan
    seed: int | None = None  # batch runs seed torch per job so cases do not depend on order


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int | None = None
    output_limit: int = DEFAULT_OUTPUT_LIMIT


@dataclass
class _Process:
    returncode: int | None
    timed_out: bool
    stdout: str
    stderr: str
    seconds: float
    events: list[list[dict[str, Any]]] = field(default_factory=list)
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)  # about the process, for the last job run
    crash: str | None = None  # what killed it (a signal, an NTSTATUS code)


def run_jobs(
    jobs: Sequence[Job],
    python: str | None = None,
    limits: Limits | None = None,
    cancel: threading.Event | None = None,
) -> list[VerifyResult]:
    """Run each job's setup and target cell under the harness; one result per job.

    Setting `cancel` kills the process tree: the running job is reported `cancelled` and the
    jobs after it are not run (they are reported `cancelled` too)."""
    limits = limits or Limits()
    interpreter = _interpreter(python)
    results: dict[int, VerifyResult] = {}
    pending = list(range(len(jobs)))
    while pending:
        batch = [jobs[i] for i in pending]
        proc = _run_process(batch, interpreter, limits, cancel)
        single = len(batch) == 1
        rerun: list[int] = []
        failed_seen = False
        for i, events in zip(pending, proc.events, strict=True):
            kinds = {e.get("t") for e in events}
            if "internal_error" in kinds:
                problem = next(e for e in events if e.get("t") == "internal_error")
                raise HarnessError(str(problem.get("message")))
            if "done" in kinds or "no_torch" in kinds:
                results[i] = _finished(jobs[i], events, proc, single)
            elif not failed_seen or proc.cancelled:  # running when the process died
                failed_seen = True
                results[i] = _failed(jobs[i], events, proc, limits)
            else:
                rerun.append(i)
        ran = [i for i in pending if i not in rerun]
        if ran and proc.notes:  # what happened to the process after the last job it ran
            results[ran[-1]].notes.extend(proc.notes)
        pending = rerun
    return [results[i] for i in range(len(jobs))]


def _interpreter(python: str | None) -> str:
    if python is None:
        return sys.executable
    found = python if os.sep in python else None
    if found is None:
        from shutil import which

        found = which(python)
    if not found or not os.path.isfile(found) or not os.access(found, os.X_OK):
        raise FileNotFoundError(f"no Python interpreter at {python!r}")
    return found


def _run_process(
    jobs: Sequence[Job], python: str, limits: Limits, cancel: threading.Event | None
) -> _Process:
    control = control_for()
    memory = limits.memory_mb * 1024 * 1024 if limits.memory_mb else None
    harness_memory, memory_note = control.harness_memory_limit(memory)
    with tempfile.TemporaryDirectory(prefix="gradguard-verify-") as tmp:
        result_files = [os.path.join(tmp, f"job{i}.jsonl") for i in range(len(jobs))]
        finished = os.path.join(tmp, "finished.json")
        spec = {
            "jobs": [
                {
                    "path": job.path,
                    "source": job.source,
                    "setup": [list(r) for r in job.plan.setup],
                    "target": list(job.plan.target),
                    "result": result,
                    "seed": job.seed,
                }
                for job, result in zip(jobs, result_files, strict=True)
            ],
            "memory_limit": harness_memory,
            "output_limit": limits.output_limit,
            "finished": finished,
        }
        spec_path = os.path.join(tmp, "spec.json")
        Path(spec_path).write_text(json.dumps(spec), encoding="utf-8")  # closed: Windows
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
        out, err = BoundedBuffer(limits.output_limit), BoundedBuffer(limits.output_limit)
        started = time.monotonic()
        tree = control.start([python, str(HARNESS), spec_path], env, tmp, memory)
        readers = [drain(tree.stdout, out), drain(tree.stderr, err)]
        try:
            end = _wait(tree, started + limits.timeout, cancel, finished)
        except BaseException:
            tree.kill()
            tree.finish()
            raise
        if end != "exited":
            tree.kill()
        ending = tree.finish()
        for reader in readers:  # an escaped process may hold a pipe: do not wait on it
            reader.join(timeout=_PIPE_GRACE_S)
        seconds = time.monotonic() - started
        events = [_read_events(path) for path in result_files]
        notes = [memory_note] if memory_note else []
        if end == "lingered":
            notes.append(_lingered_note(finished))
        if ending.leftovers:
            count = len(ending.leftovers)
            notes.append(
                f"killed {count} process{'es' if count > 1 else ''} the code left running: "
                + "; ".join(ending.leftovers)
            )
        notes += ending.notes
    return _Process(
        ending.returncode,
        end == "timeout",
        out.text(),
        err.text(),
        seconds,
        events,
        end == "cancelled",
        notes,
        control.crash_name(ending.returncode),
    )


def _wait(tree: Tree, deadline: float, cancel: threading.Event | None, finished: str) -> str:
    """Wait for the main process; returns why the wait ended: "exited", "timeout",
    "cancelled", or "lingered" (the code finished but the interpreter did not exit within
    `SHUTDOWN_GRACE_S`)."""
    finished_at: float | None = None
    while True:
        now = time.monotonic()
        if now >= deadline:
            return "timeout"
        if cancel is not None and cancel.is_set():
            return "cancelled"
        if finished_at is None and os.path.exists(finished):
            finished_at = now
        if finished_at is not None and now - finished_at >= SHUTDOWN_GRACE_S:
            return "lingered"
        if tree.wait(min(deadline - now, _POLL_S)):
            return "exited"


def _lingered_note(finished: str) -> str:
    try:
        threads = json.loads(Path(finished).read_text(encoding="utf-8")).get("threads") or []
    except (OSError, ValueError, AttributeError):
        threads = []
    why = (
        "non-daemon thread"
        + ("s" if len(threads) > 1 else "")
        + " still running: "
        + ", ".join(repr(str(t)) for t in threads)
        if threads
        else "an atexit handler or a thread kept it alive"
    )
    return (
        f"the code finished, but its interpreter had not exited {SHUTDOWN_GRACE_S:g} s later "
        f"({why}): gradguard killed it"
    )


def _read_events(path: str) -> list[dict[str, Any]]:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    events = []
    for line in text.splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # the last line of a killed process may be cut
        if isinstance(event, dict):
            events.append(event)
    return events


def _base_result(job: Job, events: list[dict[str, Any]], status: Status) -> VerifyResult:
    plan = job.plan
    result = VerifyResult(
        path=job.path,
        cell=CellInfo(plan.index, plan.target[0], plan.target[1], plan.count),
        status=status,
    )
    for event in events:
        kind = event.get("t")
        if kind == "start":
            result.torch_version = event.get("torch")
            result.python_version = event.get("python")
        elif kind == "lines" and isinstance(event.get("first"), int):
            last = event.get("last")
            result.executed_lines.update(range(event["first"], int(last or event["first"]) + 1))
        elif kind == "finding":
            result.findings.append(_finding(event))
        elif kind == "exception":
            result.exception = ExceptionInfo(
                type=str(event.get("type")),
                message=str(event.get("message")),
                line=event.get("line") if isinstance(event.get("line"), int) else None,
                stage="setup" if event.get("stage") == "setup" else "cell",
            )
        elif kind == "partial":
            result.partial = True
            result.notes.append(str(event.get("note")))
        elif kind == "note":
            result.notes.append(str(event.get("text")))
        elif kind == "output":
            result.stdout = str(event.get("stdout", ""))
            result.stderr = str(event.get("stderr", ""))
        elif kind == "done":
            result.completed = bool(event.get("completed"))
    return result


def _site(raw: Any) -> Site:
    raw = raw if isinstance(raw, dict) else {}
    line = raw.get("line")
    op = raw.get("op")
    return Site(line if isinstance(line, int) else None, str(op) if op is not None else None)


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _tensor(raw: Any) -> TensorFacts | None:
    if not isinstance(raw, dict):
        return None
    shape = raw.get("shape")
    writes: list[Any] = raw["writes"] if isinstance(raw.get("writes"), list) else []
    return TensorFacts(
        shape=tuple(int(n) for n in shape) if isinstance(shape, list) else None,
        dtype=str(raw["dtype"]) if isinstance(raw.get("dtype"), str) else None,
        saved_version=_int_or_none(raw.get("saved_version")),
        version=_int_or_none(raw.get("version")),
        writes=tuple(
            WriteFact(
                _int_or_none(w.get("line")),
                str(w["op"]) if w.get("op") is not None else None,
                _int_or_none(w.get("version")),
            )
            for w in writes
            if isinstance(w, dict)
        ),
    )


def _finding(event: dict[str, Any]) -> RuntimeFinding:
    detected = event.get("detected_at")
    return RuntimeFinding(
        kind=str(event.get("kind")),
        message=str(event.get("message")),
        inplace=_site(event.get("inplace")),
        saved_by=_site(event["saved_by"]) if isinstance(event.get("saved_by"), dict) else None,
        detected_at=detected if isinstance(detected, int) else None,
        tensor=_tensor(event.get("tensor")),
    )


def _finished(job: Job, events: list[dict[str, Any]], proc: _Process, single: bool) -> VerifyResult:
    no_torch = next((e for e in events if e.get("t") == "no_torch"), None)
    if no_torch is not None:
        result = _base_result(job, events, "no_torch")
        result.message = str(no_torch.get("message"))
    else:
        result = _base_result(job, events, "ok")
        if result.exception is not None:
            result.status = "error"
            where = f" at line {result.exception.line}" if result.exception.line else ""
            stage = " (in a setup cell)" if result.exception.stage == "setup" else ""
            result.message = f"{result.exception.type}{where}{stage}"
        else:
            result.message = "ran to the end" if result.completed else "stopped early"
    if single:
        result.stdout, result.stderr = proc.stdout, proc.stderr
    result.duration = proc.seconds
    return result


def _failed(job: Job, events: list[dict[str, Any]], proc: _Process, limits: Limits) -> VerifyResult:
    """The process died (or was killed) while this job was running."""
    status: Status = "cancelled" if proc.cancelled else "timeout" if proc.timed_out else "crashed"
    result = _base_result(job, events, status)
    result.stdout = result.stdout or proc.stdout
    result.stderr = (result.stderr + proc.stderr) if result.stderr else proc.stderr
    result.duration = proc.seconds
    if proc.cancelled:
        result.message = "cancelled: the whole process tree was killed"
        return result
    if proc.timed_out:
        result.message = f"timed out after {limits.timeout:g} s: the whole process tree was killed"
        return result
    code = proc.returncode
    if proc.crash is not None:
        name = proc.crash
        result.message = f"the process was killed by {name} (return code {code})"
        result.exception = ExceptionInfo(name, result.message, _crash_line(job.path, proc.stderr))
    elif not any(e.get("t") == "start" for e in events):
        result.message = f"the harness did not start (return code {code}); see stderr"
    else:
        result.message = f"the process exited with code {code} before the cell finished"
    return result


def _crash_line(path: str, stderr: str) -> int | None:
    """Innermost user line in faulthandler's dump (it lists the most recent call first)."""
    for file, line in re.findall(r'File "(.*?)", line (\d+)', stderr):
        if file == path:
            return int(line)
    return None
