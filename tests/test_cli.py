"""`gradguard check`: output formats, exit codes, selection, configuration, --fix."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "train_step.py"
CLEAN = "import torch\nx = torch.randn(3, requires_grad=True)\n(x * 2).sum().backward()\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradguard", *args], capture_output=True, text=True, cwd=cwd
    )


def test_text_output_and_exit_code_with_findings() -> None:
    out = run("check", str(EXAMPLE))
    assert out.returncode == 1
    assert f"{EXAMPLE}:19:9: GG002 [error]" in out.stdout
    assert "`sigmoid` saved its output for backward here" in out.stdout


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    f = tmp_path / "ok.py"
    f.write_text(CLEAN)
    out = run("check", str(f))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "All checks passed" in out.stdout


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "missing.py")).returncode == 2
    assert run("check", "--format", "xml", str(EXAMPLE)).returncode == 2
    assert run("frobnicate").returncode == 2


def test_json_contract() -> None:
    out = run("check", "--format", "json", str(EXAMPLE))
    doc = json.loads(out.stdout)
    assert set(doc) == {"diagnostics", "errors"}
    diag = next(d for d in doc["diagnostics"] if d["code"] == "GG002" and d["line"] == 19)
    assert set(diag) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "severity",
        "message",
        "related",
        "fixes",
        "story",
    }
    assert diag["column"] == 9 and diag["end_column"] == 21  # 1-based, end exclusive
    assert diag["severity"] == "error"
    assert any(r["line"] == 18 for r in diag["related"])
    edit = diag["fixes"][0]["edits"][0]
    assert set(edit) == {"path", "line", "column", "end_line", "end_column", "new_text"}
    assert edit["new_text"] == "gate = gate.mul(2)"


def test_sarif_output() -> None:
    doc = json.loads(run("check", "--format", "sarif", str(EXAMPLE)).stdout)
    assert doc["version"] == "2.1.0"
    results = doc["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"GG001", "GG002", "GG003"}
    rules = {r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert rules == {f"GG{i:03d}" for i in range(1, 11)}


def test_select_and_ignore() -> None:
    only = json.loads(run("check", "--format", "json", "--select", "GG001", str(EXAMPLE)).stdout)
    assert {d["code"] for d in only["diagnostics"]} == {"GG001"}
    rest = json.loads(
        run("check", "--format", "json", "--ignore", "GG002,GG003", str(EXAMPLE)).stdout
    )
    assert {d["code"] for d in rest["diagnostics"]} == {"GG001"}


def test_select_all_and_unknown_codes() -> None:
    """`--select ALL` is every rule (as in ruff); a code naming no rule is an error, not a
    selection that silently reports nothing."""
    every = json.loads(run("check", "--format", "json", str(EXAMPLE)).stdout)
    selected_all = json.loads(
        run("check", "--format", "json", "--select", "ALL", str(EXAMPLE)).stdout
    )
    assert selected_all["diagnostics"] == every["diagnostics"] != []
    none = json.loads(run("check", "--format", "json", "--ignore", "ALL", str(EXAMPLE)).stdout)
    assert none["diagnostics"] == []
    typo = run("check", "--select", "GX1", str(EXAMPLE))
    assert typo.returncode == 2
    assert "unknown rule code GX1" in typo.stderr


def test_pyproject_configuration_and_excludes(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "train.py")
    (tmp_path / ".venv").mkdir()
    shutil.copy(EXAMPLE, tmp_path / ".venv" / "vendored.py")
    (tmp_path / "pyproject.toml").write_text('[tool.gradguard]\nignore = ["GG002"]\n')
    doc = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    assert {Path(d["path"]).name for d in doc["diagnostics"]} == {"train.py"}
    assert "GG002" not in {d["code"] for d in doc["diagnostics"]}


def test_suppression_comment(tmp_path: Path) -> None:
    source = EXAMPLE.read_text().replace(
        "gate.mul_(2)  #", "gate.mul_(2)  # gradguard: ignore[GG002] #"
    )
    f = tmp_path / "s.py"
    f.write_text(source)
    doc = json.loads(run("check", "--format", "json", str(f)).stdout)
    assert (19, "GG002") not in {(d["line"], d["code"]) for d in doc["diagnostics"]}
    assert (31, "GG002") in {(d["line"], d["code"]) for d in doc["diagnostics"]}


def test_fix_rewrites_the_file_and_the_result_runs(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    f = tmp_path / "train.py"
    shutil.copy(EXAMPLE, f)
    out = run("check", "--fix", str(f))
    assert "Applied 4 fixes" in out.stdout, out.stdout
    assert out.returncode == 0, out.stdout
    ran = subprocess.run([sys.executable, str(f)], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr


def test_parallel_run_matches_serial(tmp_path: Path) -> None:
    for i in range(10):
        shutil.copy(EXAMPLE, tmp_path / f"m{i}.py")
    serial = json.loads(run("check", "--format", "json", "-j", "1", str(tmp_path)).stdout)
    parallel = json.loads(run("check", "--format", "json", "-j", "2", str(tmp_path)).stdout)
    assert serial == parallel and len(serial["diagnostics"]) == 40


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "source": c.splitlines(keepends=True),
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                }
                if not c.startswith("#md")
                else {"cell_type": "markdown", "source": [c], "metadata": {}}
                for c in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_notebook_cells_are_checked_together(tmp_path: Path) -> None:
    nb = tmp_path / "train.ipynb"
    nb.write_text(
        _notebook(
            [
                "import torch\nx = torch.randn(3, requires_grad=True)\n",
                "#md some prose",
                "%matplotlib inline\ny = torch.sigmoid(x)\n",
                "y.mul_(2)\ny.sum().backward()\n",
            ]
        )
    )
    out = run("check", "--no-jedi", str(nb))
    assert out.returncode == 1, out.stdout + out.stderr
    assert f"{nb}:cell 3:1:1: GG002 [error]" in out.stdout  # third code cell, its first line
    assert f"{nb}:cell 2:2:5: `sigmoid` saved its output" in out.stdout
    doc = json.loads(run("check", "--no-jedi", "--format", "json", str(nb)).stdout)
    (diag,) = doc["diagnostics"]
    assert (diag["cell"], diag["line"], diag["code"]) == (3, 1, "GG002")
    assert {(r.get("cell"), r["line"]) for r in diag["related"]} >= {(2, 2)}


def test_not_a_notebook_is_a_clear_message(tmp_path: Path) -> None:
    nb = tmp_path / "broken.ipynb"
    nb.write_text("{ not json")
    out = run("check", "--no-jedi", str(nb))
    assert out.returncode == 2 and "not a Jupyter notebook" in out.stdout


def test_findings_across_files_are_filed_under_their_own_file_and_fixed_there(
    tmp_path: Path,
) -> None:
    """The `nn.ReLU(inplace=True)` in models/blocks.py is unsafe only because of what
    models/net.py feeds it: checking train.py alone reports it at blocks.py's line (once per
    directory run), and --fix edits blocks.py; the project then runs."""
    project = tmp_path / "proj"
    shutil.copytree(ROOT / "tests/projects/inplace_layer/relu_after_sigmoid", project)
    out = run("check", "train.py", "--format", "json", "--no-jedi", cwd=project)
    assert out.returncode == 1, out.stdout + out.stderr
    doc = json.loads(out.stdout)
    [finding] = doc["diagnostics"]
    assert (finding["path"], finding["line"], finding["code"]) == (
        str(Path("models/blocks.py")),
        11,
        "GG002",
    )
    assert {r["path"] for r in finding["related"]} >= {str(Path("models/net.py")), "train.py"}
    edit_paths = {e["path"] for fix in finding["fixes"] for e in fix["edits"]}
    assert str(Path("models/blocks.py")) in edit_paths
    whole = json.loads(run("check", ".", "--format", "json", "--no-jedi", cwd=project).stdout)
    assert [(d["path"], d["line"]) for d in whole["diagnostics"]] == [
        (str(Path("models/blocks.py")), 11)
    ]
    fixed = run("check", ".", "--fix", "--no-jedi", cwd=project)
    assert fixed.returncode == 0 and "Applied 1 fix" in fixed.stdout, fixed.stdout
    assert "inplace=False" in (project / "models/blocks.py").read_text()
    pytest.importorskip("torch")
    ran = subprocess.run([sys.executable, "train.py"], capture_output=True, text=True, cwd=project)
    assert ran.returncode == 0, ran.stderr
