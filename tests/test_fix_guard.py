"""A fix builder that raises costs its own fix, not the finding it was built for."""

from __future__ import annotations

import textwrap

import pytest
from gradguard.analysis import check_source
from gradguard.analysis.fixes import FixBuilder

SAVED_OUTPUT = textwrap.dedent("""\
    import torch
    x = torch.randn(3, requires_grad=True)
    y = torch.sigmoid(x)
    y.mul_(2)
    y.sum().backward()
""")

LEAF = textwrap.dedent("""\
    import torch
    w = torch.randn(3, requires_grad=True)
    w.mul_(2)
""")


def _broken(*args: object, **kwargs: object) -> object:
    raise RuntimeError("builder broke")


def test_finding_keeps_the_fixes_that_could_be_built(monkeypatch: pytest.MonkeyPatch) -> None:
    titles = [f.title for f in check_source(SAVED_OUTPUT).findings[0].fixes]
    assert any(t.startswith("Rewrite") for t in titles)
    assert any(t.startswith("Clone") for t in titles)

    monkeypatch.setattr(FixBuilder, "out_of_place", _broken)
    report = check_source(SAVED_OUTPUT)
    assert [(f.line, f.code) for f in report.findings] == [(4, "GG002")]
    titles = [f.title for f in report.findings[0].fixes]
    assert not any(t.startswith("Rewrite") for t in titles)
    assert any(t.startswith("Clone") for t in titles)
    assert any("out_of_place" in p and "builder broke" in p for p in report.problems)


def test_finding_survives_when_its_only_fix_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FixBuilder, "wrap_no_grad", _broken)
    report = check_source(LEAF)
    assert [(f.line, f.code, f.fixes) for f in report.findings] == [(3, "GG001", ())]
    assert any("wrap_no_grad" in p for p in report.problems)


def test_a_failing_safety_check_leaves_the_fix_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    source = textwrap.dedent("""\
        import torch
        import torch.nn as nn
        act = nn.ReLU(inplace=True)
        x = torch.randn(3, requires_grad=True)
        y = act(torch.sigmoid(x))
        y.sum().backward()
    """)
    safe = [f.safe for f in check_source(source).findings[0].fixes if "inplace=False" in f.title]
    assert safe == [True]

    monkeypatch.setattr(FixBuilder, "input_read_after", _broken)
    report = check_source(source)
    assert [(f.line, f.code) for f in report.findings] == [(5, "GG002")]
    fixes = [f for f in report.findings[0].fixes if "inplace=False" in f.title]
    assert [f.safe for f in fixes] == [False]
