"""`y = f(x).m_(...)`: the write goes to a temporary that only `y` holds afterwards, so the
out-of-place spelling `y = f(x).m(...)` gives `y` the same values (safe). With a named
receiver (`y = x.mul_(2)`) `x` would keep its old values: not offered."""

from __future__ import annotations

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits

SOURCE = """import torch

w = torch.randn(3, requires_grad=True)
RECEIVER
y = SOURCE_EXPR.mul_(2)
y.sum().backward()
"""


def test_a_temporary_written_in_place_and_assigned_is_assigned_out_of_place() -> None:
    source = SOURCE.replace("RECEIVER\n", "").replace("SOURCE_EXPR", "torch.sigmoid(w)")
    [finding] = check_source(source, "case.py").findings
    fix = finding.fixes[0]
    assert fix.safe and fix.title == "Assign `torch.sigmoid(w).mul(2)` (out of place)"
    fixed = apply_edits(source, list(fix.edits))
    assert "y = torch.sigmoid(w).mul(2)" in fixed
    exec(compile(fixed, "case.py", "exec"), {})


def test_a_named_receiver_is_not_rewritten_in_the_assignment() -> None:
    source = SOURCE.replace("RECEIVER", "s = torch.sigmoid(w)").replace("SOURCE_EXPR", "s")
    [finding] = check_source(source, "case.py").findings
    assert not any(f.title.startswith("Assign") for f in finding.fixes)
