"""Functions analysed on their own are skipped only when no write can be reached from them.

The skip must never lose a finding: a method without a write of its own still runs when its
class's `__init__` configures an in-place layer, when it calls a module-level helper that
writes, or (modules followed) when it uses another project module's object.
"""

from __future__ import annotations

import ast
import textwrap

import pytest
from gradguard.analysis import check_source
from gradguard.analysis.mutation_reach import MutationReach, WriteLines, write_kind

MODULE = textwrap.dedent(
    """
    import torch
    import torch.nn as nn
    from .blocks import Block

    def scale(t):
        t.mul_(2)
        return t

    def via_helper(x):
        return scale(torch.sigmoid(x))

    def plain(x):
        return torch.sigmoid(x) * 2

    def positional_inplace():
        return nn.ReLU(True)

    def augmented(x):
        x += 1
        return x

    def subscript(x):
        x[0] = 1
        return x

    def unpack_subscript(x, y):
        x[0], y = 1, 2
        return x

    def keyword_out(x, buf):
        return torch.add(x, 1, out=buf)

    def data_write(p):
        p.data = p.data * 2

    def imported(x):
        return Block()(x)

    class WithInplaceLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.act = nn.ReLU(inplace=True)

        def forward(self, x):
            return self.act(torch.sigmoid(x))

    class Plain(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(2, 2)

        def forward(self, x):
            return self.helper(self.lin(x))

        def helper(self, x):
            return x.sigmoid()

    class CallsWritingMethod(nn.Module):
        def forward(self, x):
            return self.bump(x.exp())

        def bump(self, x):
            x.add_(1)
            return x

        def name(self):
            return "calls"
    """
)


def _reach(foreign: set[str] | None = None) -> tuple[MutationReach, ast.Module]:
    tree = ast.parse(MODULE)
    return MutationReach(tree.body, MODULE.splitlines(), frozenset(foreign or ())), tree


def _answers(foreign: set[str] | None = None) -> dict[str, bool]:
    reach, tree = _reach(foreign)
    found: dict[str, bool] = {}
    for index, stmt in enumerate(tree.body):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[stmt.name] = reach.function_may_write(index, stmt, None)
        elif isinstance(stmt, ast.ClassDef):
            for item in stmt.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{stmt.name}.{item.name}"] = reach.function_may_write(index, item, stmt)
    return found


def test_writes_of_every_kind_are_seen() -> None:
    found = _answers()
    for name in (
        "scale",
        "positional_inplace",
        "augmented",
        "subscript",
        "unpack_subscript",
        "keyword_out",
        "data_write",
    ):
        assert found[name], name


def test_what_a_function_reaches_counts() -> None:
    found = _answers()
    assert found["via_helper"]  # calls `scale`, which writes
    assert found["WithInplaceLayer.forward"]  # its __init__ builds an in-place layer
    assert found["CallsWritingMethod.forward"]  # calls `self.bump`, which writes
    assert not found["CallsWritingMethod.name"]  # names nothing that writes


def test_functions_without_a_reachable_write_are_skipped() -> None:
    found = _answers()
    assert not found["plain"]
    assert not found["Plain.forward"]
    assert not found["Plain.helper"]


def test_another_modules_object_may_write_when_modules_are_followed() -> None:
    assert not _answers()["imported"]  # not followed: the import stays opaque
    assert _answers({"Block"})["imported"]


CALLER_ONLY = textwrap.dedent(
    """
    import torch
    import torch.nn as nn


    def scale(t):
        t.mul_(2)
        return t


    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(4, 4)

        def forward(self, x):
            y = torch.sigmoid(self.lin(x))
            return scale(y)
    """
)


def test_a_hazard_only_a_writeless_caller_shows_is_still_found() -> None:
    """`Net.forward` writes nothing itself; the helper it calls scales sigmoid's saved output
    in place. Torch raises at the backward; the analysis of `forward` must still run."""
    torch = pytest.importorskip("torch")
    namespace: dict[str, object] = {}
    exec(compile(CALLER_ONLY, "<caller_only>", "exec"), namespace)
    net = namespace["Net"]()  # type: ignore[operator]
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        net(torch.randn(2, 4)).sum().backward()
    report = check_source(CALLER_ONLY, "caller_only.py")
    assert {(f.line, f.code) for f in report.findings} == {(7, "GG002")}


WRITE_SAMPLES = [
    "x = y + 1",
    "x.add_(1)",
    "step += 1",
    "out[0] = v",
    "a, b[0] = 1, 2",
    "net = nn.ReLU(True)",
    "f(x, out=buf)",
    "with torch.inference_mode():\n    y = f(x)",
    "p = w.data",
    "z = (\n    a.mul_(\n        2\n    )\n)",
    "if x == y:\n    pass",
    "'inplace' in doc",
]


@pytest.mark.parametrize("text", WRITE_SAMPLES)
def test_write_lines_agree_with_a_scan_of_each_span(text: str) -> None:
    """The per-line index of write kinds (one scan of a module) answers every span of lines
    as a scan of that span's text does, within a larger module."""
    lines = ["import torch", "", *text.splitlines(), "", "print(1)"]
    index = WriteLines(lines)
    for first in range(1, len(lines) + 1):
        for last in range(first, len(lines) + 1):
            span = "\n".join(lines[first - 1 : last])
            assert index.kind(first, last) is write_kind(span), (first, last, span)
