"""GG010's fixes where the backward is not right after the context block (issue 10): a second
`allow_mutation_on_saved_tensors()` block joins the first; a context that allowed no write is
removed. Both safe (the context changes only how saved tensors are kept); the cases in
tests/cases/h13_allow_mutation run every offered fix under torch."""

from __future__ import annotations

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits

FUNCTION_FORM = """import torch

x = torch.randn(3, requires_grad=True)


def forward(t):
    with torch.autograd.graph.allow_mutation_on_saved_tensors():
        y = torch.tanh(t)
        WRITE
        return y


forward(x).sum().backward()
"""


def _fixes(source: str) -> list[str]:
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG010"]
    return [f.title for f in finding.fixes]


def test_a_context_that_allowed_no_write_is_removed() -> None:
    source = FUNCTION_FORM.replace("        WRITE\n", "")
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG010"]
    [fix] = finding.fixes
    assert fix.safe and fix.title.startswith(
        "Remove the `allow_mutation_on_saved_tensors()` block at line 7"
    )
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.splitlines()[5:8] == [
        "def forward(t):",
        "    y = torch.tanh(t)",
        "    return y",
    ]
    exec(compile(fixed, "case.py", "exec"), {})


def test_a_context_that_allowed_a_write_stays() -> None:
    source = FUNCTION_FORM.replace("WRITE", "y.add_(1)")
    assert not any(t.startswith("Remove") for t in _fixes(source))


def test_a_second_context_block_joins_the_first() -> None:
    source = """import torch

x = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = torch.tanh(x)
    y.add_(1)
z = 2
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    (y * z).sum().backward()
"""
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG010"]
    [fix] = finding.fixes
    assert fix.title.startswith("Join the `with` block at line 8 to the one at line 4")
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.splitlines()[3:] == [
        "with torch.autograd.graph.allow_mutation_on_saved_tensors():",
        "    y = torch.tanh(x)",
        "    y.add_(1)",
        "    z = 2",
        "    (y * z).sum().backward()",
    ]
    exec(compile(fixed, "case.py", "exec"), {})
