"""Lines named in the text of a notebook's findings (messages, related information, fix titles,
notes) are the user's: `cell 5, line 14`, not the line of the joined program the analysis ran
on. `# %%` cell scripts are plain files: their lines stay file lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gradguard.analysis.findings import Finding, Fix, Related, Severity, Span
from gradguard.notebook_cells import cell_of_line, restate_finding, restate_lines

# joined program: cell 1 = lines 1-2, cell 2 = lines 3-5, cell 3 = lines 6-9
STARTS = [0, 2, 5]


def cell_line(line: int) -> tuple[int, int]:
    index, in_cell = cell_of_line(STARTS, line)
    return index + 1, in_cell


def say(text: str, bare_here: bool = True) -> str:
    return restate_lines(text, cell_line, "nb.ipynb", bare_here)


def test_line_references_are_restated_per_cell() -> None:
    assert say("the output of `tanh` (line 4); the backward at line 9 raises") == (
        "the output of `tanh` (cell 2, line 2); the backward at cell 3, line 4 raises"
    )
    assert say("Wrap lines 6-8 in `with torch.no_grad():`") == (
        "Wrap cell 3, lines 1-3 in `with torch.no_grad():`"
    )
    assert say("Wrap lines 5-6 in x") == "Wrap cell 2, line 3 to cell 3, line 1 in x"
    assert say("skipped lines 3, 4, 7") == "skipped cell 2, lines 1, 2; cell 3, line 2"
    assert say("(line 4 of `nb.ipynb`)") == "(cell 2, line 2 of `nb.ipynb`)"


def test_other_files_and_quoted_code_are_left_alone() -> None:
    assert say("(line 4 of `utils.py`)") == "(line 4 of `utils.py`)"
    assert say('`print("line 4")` at line 4') == '`print("line 4")` at cell 2, line 2'
    assert say("line ?") == "line ?"
    assert say("no lines here; inline 4, pipeline 3") == "no lines here; inline 4, pipeline 3"
    # a text about a place in another file: its bare lines are that file's
    assert say("(line 4); line 9 of `nb.ipynb`", bare_here=False) == (
        "(line 4); cell 3, line 4 of `nb.ipynb`"
    )


def test_a_finding_is_restated_in_its_message_related_messages_and_fix_titles() -> None:
    here = Span(7, 0, 7, 9)
    finding = Finding(
        "GG002",
        Severity.ERROR,
        here,
        "`y.mul_(2)` modifies ... (line 4); the backward at line 9 raises",
        (Related(Span(4, 4, 4, 20), "saved at line 4"),),
        (Fix("Move `opt.step()` below the backward at line 9", ()),),
    )
    restated = restate_finding(finding, cell_line, "nb.ipynb")
    assert restated.message == (
        "`y.mul_(2)` modifies ... (cell 2, line 2); the backward at cell 3, line 4 raises"
    )
    assert restated.related[0].message == "saved at cell 2, line 2"
    assert restated.fixes[0].title == "Move `opt.step()` below the backward at cell 3, line 4"
    assert restated.span == here and restated.related[0].span == finding.related[0].span
    # located in an imported module: its bare lines are that module's
    elsewhere = Finding("GG002", Severity.ERROR, Span(2, 4, 2, 9, "/p/utils.py"), "at line 2")
    assert restate_finding(elsewhere, cell_line, "nb.ipynb").message == "at line 2"


# --- the command line -------------------------------------------------------------------------

CELLS = [
    "import torch\nimport torch.nn as nn\n",
    "# the model\nlin = nn.Linear(3, 3)\nx = torch.randn(2, 3, requires_grad=True)\n",
    "%matplotlib inline\nh = lin(x)\ny = torch.sigmoid(h)\n",
    "#md prose between the cells",
    "y.mul_(2)\n",
    "loss = y.sum()\nloss.backward()\n",
]


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": "markdown", "source": [c], "metadata": {}}
                if c.startswith("#md")
                else {
                    "cell_type": "code",
                    "source": c.splitlines(keepends=True),
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                }
                for c in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradguard", "check", "--no-jedi", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def test_cli_messages_name_cells_and_lines(tmp_path: Path) -> None:
    (tmp_path / "nb.ipynb").write_text(_notebook(CELLS))
    # code cells: 1 imports, 2 model (lines 3-5), 3 sigmoid (6-8), 4 mul_ (9), 5 backward (10-11)
    text = check("--show-fixes", "nb.ipynb", cwd=tmp_path).stdout
    assert "nb.ipynb:cell 4:1:1: GG002 [error] `y.mul_(2)` modifies in place the output of " in text
    assert "(cell 3, line 3), which autograd saved for backward" in text
    assert "the backward at cell 5, line 2 raises" in text
    assert "line 8" not in text and "line 11" not in text, text
    (diag,) = json.loads(check("--output-format", "json", "nb.ipynb", cwd=tmp_path).stdout)[
        "diagnostics"
    ]
    assert (diag["cell"], diag["line"]) == (4, 1)
    assert "(cell 3, line 3)" in diag["message"] and "at cell 5, line 2 " in diag["message"]
    assert {(r["cell"], r["line"]) for r in diag["related"]} == {(3, 3), (5, 2)}
    github = check("--output-format", "github", "nb.ipynb", cwd=tmp_path).stdout
    assert "cell 4, line 1: `y.mul_(2)`" in github and "(cell 3, line 3)" in github
    sarif = json.loads(check("--output-format", "sarif", "nb.ipynb", cwd=tmp_path).stdout)
    (result,) = sarif["runs"][0]["results"]
    assert "at cell 5, line 2 " in result["message"]["text"]


def test_cli_finding_in_an_imported_module_names_the_notebook_cells(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("import torch\n\n\ndef scale_(t):\n    t.mul_(2)\n")
    cells = [
        "import torch\nimport helpers\n",
        "x = torch.randn(3, requires_grad=True)\ny = torch.sigmoid(x)\n",
        "helpers.scale_(y)\n",
        "y.sum().backward()\n",
    ]
    (tmp_path / "nb.ipynb").write_text(_notebook(cells))
    text = check("nb.ipynb", cwd=tmp_path).stdout
    assert "helpers.py:5:5: GG002" in text
    # its message keeps the module's own lines and names the notebook's per cell ...
    assert "(cell 2, line 2 of `nb.ipynb`)" in text
    assert "the backward at cell 4, line 1 of `nb.ipynb` raises" in text
    # ... and so do its locations in the notebook
    assert "nb.ipynb:cell 2:2:5: `sigmoid` saved its output for backward here" in text
    assert "nb.ipynb:cell 4:1:1: backward here fails" in text
    doc = json.loads(check("--output-format", "json", "nb.ipynb", cwd=tmp_path).stdout)
    (diag,) = doc["diagnostics"]
    assert diag["path"] == "helpers.py" and "cell" not in diag
    assert {(r["path"], r.get("cell"), r["line"]) for r in diag["related"]} >= {
        ("nb.ipynb", 2, 2),
        ("nb.ipynb", 4, 1),
    }


def test_percent_cell_scripts_keep_file_lines(tmp_path: Path) -> None:
    cells = [c.replace("%matplotlib inline\n", "") for c in CELLS if not c.startswith("#md")]
    (tmp_path / "cells.py").write_text("".join(f"# %%\n{c}" for c in cells))
    text = check("cells.py", cwd=tmp_path).stdout
    assert "cells.py:12:1: GG002" in text
    assert "(line 10)" in text and "the backward at line 15 raises" in text
    assert "cell " not in text
