"""Other modules' code run from one file is bounded (interp/limits.py,
FOREIGN_STATEMENT_BUDGET): past it, calls into them are left opaque and the analysis goes on
with the file's own code, instead of stopping at the file's statement budget and losing
what comes after. Outcomes checked under torch 2.13 by running the script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gradguard.analysis import check_source
from gradguard.analysis.interp.limits import FOREIGN_STATEMENT_BUDGET, STATEMENT_BUDGET
from gradguard.project import loader_for

CALLS = 150
BODY = 500

TRAIN = """\
import torch
import heavy

w = torch.randn(4, requires_grad=True)
z = torch.zeros(4)
{calls}
y = torch.tanh(w)
y += 1
y.sum().backward()
"""


def _heavy() -> str:
    lines = ["def step(x):"]
    lines += ["    x = x + 1"] * BODY
    lines.append("    return x")
    return "\n".join(lines) + "\n"


def test_a_script_running_much_of_another_module_still_reaches_its_own_hazard(
    tmp_path: Path,
) -> None:
    assert CALLS * BODY > STATEMENT_BUDGET > FOREIGN_STATEMENT_BUDGET
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "heavy.py").write_text(_heavy())
    train = tmp_path / "train.py"
    train.write_text(TRAIN.format(calls="z = heavy.step(z)\n" * CALLS))
    run = subprocess.run([sys.executable, str(train)], capture_output=True, cwd=tmp_path)
    assert b"modified by an inplace operation" in run.stderr  # tanh saved its output
    report = check_source(train.read_text(), str(train), modules=loader_for(train))
    line = 6 + CALLS + 2  # the calls, a blank line, `y = torch.tanh(w)`
    assert [(f.line, f.code) for f in report.findings] == [(line, "GG002")]
    assert not report.problems, report.problems
