"""A registering decorator runs for at most MAX_DECORATOR_RUNS functions per analysis.

A model zoo registers well over a thousand entry points with one decorator; every run adds an
entry, and a registry past MAX_DICT_ITEMS entries is no longer tracked key by key, so the runs
after the budget only cost time. Registries below the budget keep working (lookups by key).
"""

from __future__ import annotations

import textwrap

import pytest
from gradguard.analysis import Severity, check_source
from gradguard.analysis.interp.limits import MAX_DECORATOR_RUNS
from gradguard.analysis.interp.registries import Registries

HEADER = textwrap.dedent(
    """
    import torch
    import torch.nn as nn

    MODELS = {}

    def register(fn):
        MODELS[fn.__name__] = fn
        return fn

    @register
    def sigmoid_then_inplace(x):
        y = torch.sigmoid(x)
        y.add_(1)
        return y
    """
)


def _module(extra: int) -> str:
    functions = "".join(f"\n@register\ndef entry_{i}(x):\n    return x\n" for i in range(extra))
    tail = textwrap.dedent(
        """
        x = torch.randn(3, requires_grad=True)
        MODELS["sigmoid_then_inplace"](x).sum().backward()
        """
    )
    return HEADER + functions + tail


def _count_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    runs: list[str] = []
    original = Registries._may_run

    def counting(self: Registries, decorator: object, registry: object) -> bool:
        allowed = original(self, decorator, registry)  # type: ignore[arg-type]
        if allowed:
            runs.append(getattr(getattr(decorator, "node", None), "name", "?"))
        return allowed

    monkeypatch.setattr(Registries, "_may_run", counting)
    return runs


def test_a_small_registry_is_still_read_by_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registered function is found by key and called; torch raises at its backward."""
    pytest.importorskip("torch")
    source = _module(3)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        exec(compile(source, "zoo.py", "exec"), {})
    runs = _count_runs(monkeypatch)
    report = check_source(source, "zoo.py")
    assert runs == ["register"] * 4
    errors = {(f.line, f.code) for f in report.findings if f.severity == Severity.ERROR}
    assert errors == {(14, "GG002")}


def test_a_decorator_stops_running_at_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _count_runs(monkeypatch)
    check_source(_module(MAX_DECORATOR_RUNS + 40), "zoo.py")
    assert len(runs) == MAX_DECORATOR_RUNS
