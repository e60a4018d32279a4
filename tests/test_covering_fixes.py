"""Two findings whose preferred fixes overlap, one making only some of the other's edits (a
`.clone()` at two savers, the other at those two and two more): both prefer the wider fix, so
fix-all applies it and the code runs, instead of the narrower one, which blocks the other."""

from __future__ import annotations

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits, plan_fixes

SOURCE = """import torch

x, y, z = (torch.randn(1, requires_grad=True) for _ in range(3))
buf = torch.zeros(5)
buf[0] = x
buf[1] = y
buf[3] = z
buf[2] = torch.mul(buf[0], buf[1])
buf[4] = torch.mul(buf[2], buf[3])
buf[4].sum().backward()
"""


def test_findings_share_the_fix_that_covers_both() -> None:
    findings = check_source(SOURCE, "case.py").findings
    assert len(findings) == 2
    first, second = (f.fixes[0] for f in findings)
    assert first == second
    chosen, count = plan_fixes([first, second])
    assert count == 1
    fixed = apply_edits(SOURCE, chosen[""])
    assert "buf[4] = torch.mul(buf[2].clone(), buf[3].clone())" in fixed
    exec(compile(fixed, "case.py", "exec"), {})
