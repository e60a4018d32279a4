"""GG004's fixes (issue 10): a view made under no_grad and written with grad mode on. The
preferred fix makes the view after the no_grad block (safe: same values, the write is now
tracked); wrapping the write in no_grad is unsafe (autograd no longer sees it) and offered only
where the base is already in the graph. tests/cases/h06_no_grad_view runs every offered fix."""

from __future__ import annotations

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits
from gradguard.analysis.findings import Finding

SOURCE = """import torch

x = torch.randn(4, requires_grad=True)
h = x * 1
with torch.no_grad():
    scale = 2.0
    head = h[:2]
    REST
head.mul_(scale)
h.sum().backward()
"""


def _finding(source: str) -> Finding:
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG004"]
    return finding


def test_the_view_moves_below_the_no_grad_block() -> None:
    source = SOURCE.replace("    REST\n", "")
    fix = _finding(source).fixes[0]
    assert fix.safe
    assert fix.title == (
        "Create the view `head = h[:2]` with grad mode on: move it below the `with` block "
        "ending at line 7 (autograd then tracks the write)"
    )
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.splitlines()[4:8] == [
        "with torch.no_grad():",
        "    scale = 2.0",
        "head = h[:2]",
        "head.mul_(scale)",
    ]
    namespace: dict[str, object] = {}
    exec(compile(fixed, "case.py", "exec"), namespace)
    grad = namespace["x"].grad  # type: ignore[attr-defined]
    assert grad.tolist() == [2.0, 2.0, 1.0, 1.0]


def test_no_move_when_the_block_reads_the_view_afterwards() -> None:
    source = SOURCE.replace("    REST", "    print(head.sum())")
    titles = [f.title for f in _finding(source).fixes]
    assert titles and not any(t.startswith("Create the view") for t in titles)


def test_an_untracked_write_needs_a_base_in_the_graph() -> None:
    source = SOURCE.replace("    REST\n", "").replace("h = x * 1", "h = torch.zeros(4)")
    source = source.replace("head.mul_(scale)", "head.copy_(x[:2] * scale)")
    titles = [f.title for f in _finding(source).fixes]
    assert titles[0].startswith("Create the view")
    assert not any("Wrap" in t for t in titles)
