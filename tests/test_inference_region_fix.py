"""GG006/GG005: a tensor made in inference mode, then saved for backward or written in place
outside it. Where the file has one inference-mode region, a fix makes it `torch.no_grad()`
(same values, normal tensors); with two regions, which one made the tensor is not known."""

from __future__ import annotations

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits

SOURCE = """import torch


@torch.inference_mode()
def make_weight():
    return torch.randn(4, 2) / 2


w = make_weight()
SECOND
x = torch.randn(3, 4, requires_grad=True)
(x @ w).sum().backward()
"""


def _titles(source: str) -> list[str]:
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG006"]
    return [f.title for f in finding.fixes]


def test_the_one_inference_region_becomes_no_grad() -> None:
    source = SOURCE.replace("SECOND\n", "")
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG006"]
    fix = finding.fixes[-1]
    assert fix.safe and fix.title.startswith(
        "Use `torch.no_grad()` instead of `torch.inference_mode()` (line 4)"
    )
    fixed = apply_edits(source, list(fix.edits))
    assert "@torch.no_grad()\ndef make_weight():" in fixed
    exec(compile(fixed, "case.py", "exec"), {})


def test_no_region_chosen_among_two() -> None:
    source = SOURCE.replace("SECOND", "with torch.inference_mode():\n    pass")
    assert not any(t.startswith("Use `torch.no_grad()`") for t in _titles(source))
