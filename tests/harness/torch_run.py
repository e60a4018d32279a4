"""Execute a case's source under the installed torch and report what happened.

Runs in-process (torch is imported once per worker) with a fresh namespace, a fixed seed and
global autograd state restored afterwards, so one case cannot leak grad mode into the next.
"""

from __future__ import annotations

import contextlib
import io
import traceback
import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    ok: bool
    exc_type: str | None = None
    message: str | None = None
    line: int | None = None  # innermost line of the case file in the traceback
    stdout: str = ""

    def describe(self) -> str:
        if self.ok:
            return "runs without error"
        return f"{self.exc_type} at line {self.line}: {self.message}"


def run_source(source: str, filename: str = "<case>") -> Outcome:
    import torch

    code = compile(source, filename, "exec")
    namespace: dict[str, object] = {"__name__": "__gradguard_case__", "__file__": filename}
    out = io.StringIO()
    torch.manual_seed(0)
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(code, namespace)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        line = None
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
        return Outcome(False, type(exc).__name__, str(exc), line, out.getvalue())
    finally:
        torch.set_grad_enabled(True)
        torch.autograd.set_detect_anomaly(False)
    return Outcome(True, stdout=out.getvalue())


def matches(outcome: Outcome, exc_type: str | None, message: str, line: int | None) -> bool:
    """True when the outcome is the labelled one (exc_type None means: runs cleanly)."""
    if exc_type is None:
        return outcome.ok
    return (
        not outcome.ok
        and outcome.exc_type == exc_type
        and message in (outcome.message or "")
        and outcome.line == line
    )
