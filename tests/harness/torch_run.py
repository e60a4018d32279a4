"""Execute a case's source under the installed torch and report what happened.

Runs in-process (torch is imported once per worker) with a fresh namespace, a fixed seed and
global autograd state restored afterwards, so one case cannot leak grad mode into the next.
"""

from __future__ import annotations

import contextlib
import io
import math
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    ok: bool
    exc_type: str | None = None
    message: str | None = None
    line: int | None = None  # innermost line of the case file in the traceback
    stdout: str = ""
    # the value of every tensor a backward started from, in order (the losses), up to the
    # failure included: what a meaning-preserving fix must leave unchanged
    losses: tuple[float, ...] = ()

    def describe(self) -> str:
        if self.ok:
            return "runs without error"
        return f"{self.exc_type} at line {self.line}: {self.message}"


def run_source(source: str, filename: str = "<case>") -> Outcome:
    import torch

    code = compile(source, filename, "exec")
    namespace: dict[str, object] = {"__name__": "__gradguard_case__", "__file__": filename}
    out = io.StringIO()
    losses: list[float] = []
    torch.manual_seed(0)
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings(), _losses_into(losses):
            warnings.simplefilter("ignore")
            exec(code, namespace)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        line = None
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
        return Outcome(False, type(exc).__name__, str(exc), line, out.getvalue(), tuple(losses))
    finally:
        torch.set_grad_enabled(True)
        torch.autograd.set_detect_anomaly(False)
    return Outcome(True, stdout=out.getvalue(), losses=tuple(losses))


@contextlib.contextmanager
def _losses_into(losses: list[float]) -> Iterator[None]:
    """Note the value of each tensor `backward` starts from (`loss.backward()`,
    `torch.autograd.backward(loss)`), before autograd runs."""
    import torch

    tensor_backward = torch.Tensor.backward
    autograd_backward = torch.autograd.backward

    def note(roots: object) -> None:
        for root in roots if isinstance(roots, (list, tuple)) else (roots,):
            if isinstance(root, torch.Tensor) and root.is_floating_point():
                losses.append(float(root.detach().double().sum()))

    def on_tensor(self: torch.Tensor, *args: object, **kwargs: object) -> object:
        note(self)
        return tensor_backward(self, *args, **kwargs)  # type: ignore[arg-type]

    def on_autograd(tensors: object, *args: object, **kwargs: object) -> object:
        note(tensors)
        return autograd_backward(tensors, *args, **kwargs)  # type: ignore[arg-type]

    torch.Tensor.backward = on_tensor  # type: ignore[method-assign,assignment]
    torch.autograd.backward = on_autograd  # type: ignore[assignment]
    try:
        yield
    finally:
        torch.Tensor.backward = tensor_backward  # type: ignore[method-assign]
        torch.autograd.backward = autograd_backward


def same_losses(before: Outcome, after: Outcome) -> bool:
    """The fixed run computed the losses the original did, up to where the original failed
    (within float tolerance): the fix kept the maths."""
    if len(after.losses) < len(before.losses):
        return False
    return all(
        math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-6)
        for a, b in zip(before.losses, after.losses, strict=False)
    )


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
