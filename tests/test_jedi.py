"""Cross-module inference through jedi (`--jedi`): what local inference cannot know."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from gradguard.analysis import check_source

MODELS = textwrap.dedent("""\
    import torch
    import torch.nn as nn


    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(3, 3)

        def forward(self, x):
            return self.fc(x)
""")

TRAIN = textwrap.dedent("""\
    import torch
    from models import Net

    net = Net()
    w = net.fc.weight
    w.add_(1)
    net.fc.bias.zero_()
    with torch.no_grad():
        net.fc.weight.mul_(0.5)
""")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    pytest.importorskip("jedi")
    (tmp_path / "models.py").write_text(MODELS)
    (tmp_path / "train.py").write_text(TRAIN)
    return tmp_path / "train.py"


def test_parameters_of_a_model_from_another_module(project: Path) -> None:
    local = check_source(TRAIN, str(project))
    assert local.findings == []  # `Net` is defined elsewhere: nothing is known locally
    # a generous budget: the first inference touching torch can take many seconds when cold
    with_jedi = check_source(TRAIN, str(project), use_jedi=True, jedi_seconds=600)
    got = {(f.line, f.code) for f in with_jedi.findings}
    assert got == {(6, "GG001"), (7, "GG001")}  # the no_grad update at line 9 stays silent
