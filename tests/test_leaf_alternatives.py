"""A write to one of several leaves that each require grad (an element of `model.parameters()`
the analysis holds joined) raises whichever it is: an error, not a warning. A mix of leaves
and tensors that need no grad (parameters and buffers) stays short of one."""

from __future__ import annotations

import textwrap

from gradguard.analysis import Severity, check_source

LOOP = textwrap.dedent(
    """
    import torch.nn as nn

    model = nn.Sequential(*[nn.Linear(4, 4) for _ in range(3)])
    for p in {items}:
        p.uniform_(-0.1, 0.1)
    """
)


def _severities(items: str) -> list[tuple[int, str, Severity]]:
    report = check_source(LOOP.format(items=items), "loop.py")
    return [(f.line, f.code, f.severity) for f in report.findings]


def test_loop_over_joined_parameters_is_an_error() -> None:
    assert _severities("model.parameters()") == [(6, "GG001", Severity.ERROR)]


def test_loop_over_a_list_of_named_parameters_is_an_error() -> None:
    assert _severities("[p for _, p in model.named_parameters()]") == [(6, "GG001", Severity.ERROR)]


def test_a_moved_parameter_may_be_a_copy_and_stays_a_warning() -> None:
    # `.to()` may return the leaf itself or a copy (not a leaf): not surely a leaf
    source = textwrap.dedent(
        """
        import torch
        import torch.nn as nn

        layer = nn.Linear(4, 4)
        device = torch.device("cpu")
        w = layer.weight.to(device)
        w.uniform_(-0.1, 0.1)
        """
    )
    found = [(f.line, f.code, f.severity) for f in check_source(source, "to.py").findings]
    assert found == [(8, "GG001", Severity.WARNING)]
