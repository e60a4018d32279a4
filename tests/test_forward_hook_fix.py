"""GG002 inside a forward hook: the new value is returned from the hook (its return replaces
the module's output), or, for a write into the hook's inputs, the hook becomes a forward
pre-hook returning new inputs (unsafe). Offered only where the hook's name is used by its one
registration alone, so changing its signature changes nothing else."""

from __future__ import annotations

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits
from gradguard.lsp.actions import choose_fixes

SOURCE = """import torch
import torch.nn as nn


def hook(module, inputs, output):
    WRITE


model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
model[INDEX].register_forward_hook(hook)
EXTRA
model(torch.randn(3, 4)).pow(2).sum().backward()
"""


def _fixes(write: str, index: int, extra: str = ""):  # type: ignore[no-untyped-def]
    source = SOURCE.replace("WRITE", write).replace("INDEX", str(index))
    source = source.replace("EXTRA", extra)
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG002"]
    return source, finding


def test_a_write_to_the_output_is_returned_from_the_hook() -> None:
    source, finding = _fixes("output *= 0.5", 1)
    fix = finding.fixes[0]
    assert fix.safe and "Return the new output from the hook `hook`" in fix.title
    fixed = apply_edits(source, list(fix.edits))
    assert "    output = output * 0.5\n    return output\n" in fixed
    exec(compile(fixed, "case.py", "exec"), {})  # the original raises at the backward


def test_a_write_to_the_inputs_makes_an_unsafe_pre_hook() -> None:
    source, finding = _fixes("inputs[0].add_(1.0)", 2)
    [fix] = finding.fixes
    assert not fix.safe and "forward pre-hook" in fix.title
    fixed = apply_edits(source, list(fix.edits))
    assert "def hook(module, inputs):" in fixed
    assert "register_forward_pre_hook(hook)" in fixed
    exec(compile(fixed, "case.py", "exec"), {})
    assert choose_fixes([finding], lambda _f, _x: True) == []  # not in fix-all


def test_no_hook_fix_where_the_hook_is_used_elsewhere() -> None:
    _, finding = _fixes("inputs[0].add_(1.0)", 2, extra="hook(None, (torch.ones(1),), None)")
    assert not any("pre-hook" in f.title for f in finding.fixes)
    _, finding = _fixes("output.mul_(0.5)", 1, extra="model[0].register_forward_hook(hook)")
    assert not any("from the hook" in f.title for f in finding.fixes)
