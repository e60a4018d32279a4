"""`gradguard check` in CI and editors the way ruff users expect (issue 14): the github and
gitlab output formats, --statistics, --exit-zero, --quiet, stdin with --stdin-filename,
--diff, and SARIF validated against the OASIS SARIF 2.1.0 schema. Each flag: its output
shape and exit status."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from gradguard.analysis.rules import RULES, rule_doc_url

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "train_step.py"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
CLEAN = "import torch\nx = torch.randn(3, requires_grad=True)\n(x * 2).sum().backward()\n"
WARNING = (  # GG009, a warning
    "import torch\nw = torch.randn(3, requires_grad=True)\n(w * 2).sum().backward()\n"
    "w = w - 0.1 * w.grad\n"
)
INFORMATION = (  # GG008, information
    "import torch\nx = torch.randn(3, requires_grad=True)\ny = torch.sigmoid(x)\n"
    "y.data.mul_(2)\ny.sum().backward()\n"
)


def run(
    *args: str, cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradguard", "check", "--no-jedi", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        env=env,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "train.py")
    (tmp_path / "warn.py").write_text(WARNING)
    (tmp_path / "info.py").write_text(INFORMATION)
    (tmp_path / "clean.py").write_text(CLEAN)
    return tmp_path


# --------------------------------------------------------------------------- github


def test_github_annotations(project: Path) -> None:
    out = run("--output-format", "github", "train.py", "warn.py", "info.py", cwd=project)
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    assert all(line.startswith("::") for line in lines)
    assert (
        "::error file=train.py,line=19,col=9,endLine=19,endColumn=21,title=GG002::"
        "`gate.mul_(2)` modifies in place the output of `sigmoid`" in out.stdout
    )
    # related locations follow on further lines of the message (escaped newlines)
    gg002 = next(line for line in lines if "line=19," in line)
    assert "%0Atrain.py:18:16: `sigmoid` saved its output for backward here" in gg002
    assert "\r" not in out.stdout
    assert any(line.startswith("::warning file=warn.py,line=4,col=1,") for line in lines)
    assert any(line.startswith("::notice file=info.py,line=4,") for line in lines)
    assert any("title=GG009::" in line for line in lines)


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c%.py"
    shutil.copy(EXAMPLE, odd)
    out = run("--output-format", "github", odd.name, cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout.startswith("::error file=a%2Cb%3Ac%25.py,line=")


def test_github_names_a_file_it_could_not_check(tmp_path: Path) -> None:
    (tmp_path / "broken.ipynb").write_text("{ not json")
    out = run("--output-format", "github", "broken.ipynb", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stdout.startswith("::error file=broken.ipynb,title=gradguard::not checked: ")
    assert "broken.ipynb: not checked" in out.stderr


def test_clean_github_output_is_empty(project: Path) -> None:
    out = run("--output-format", "github", "clean.py", cwd=project)
    assert (out.returncode, out.stdout) == (0, "")


# --------------------------------------------------------------------------- gitlab


def test_gitlab_code_quality(project: Path) -> None:
    out = run("--output-format", "gitlab", ".", cwd=project)
    assert out.returncode == 1, out.stderr
    issues = json.loads(out.stdout)
    assert len(issues) == 6  # 4 in train.py, 1 each in warn.py and info.py
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert set(issue["location"]) == {"path", "lines"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_place = {(i["location"]["path"], i["location"]["lines"]["begin"]): i for i in issues}
    gg002 = by_place[("train.py", 19)]
    assert gg002["check_name"] == "GG002" and gg002["severity"] == "major"
    assert gg002["description"].startswith("GG002 `gate.mul_(2)` modifies in place")
    assert by_place[("warn.py", 4)]["severity"] == "minor"
    assert by_place[("info.py", 4)]["severity"] == "info"
    again = json.loads(run("--output-format", "gitlab", ".", cwd=project).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_gitlab_paths_are_relative_to_the_project_dir(project: Path) -> None:
    env = {**os.environ, "CI_PROJECT_DIR": str(project)}
    out = run("--output-format", "gitlab", str(project / "train.py"), env=env)
    assert {i["location"]["path"] for i in json.loads(out.stdout)} == {"train.py"}


# --------------------------------------------------------------------------- statistics etc.


def test_statistics(project: Path) -> None:
    out = run("--statistics", "train.py", "warn.py", cwd=project)
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "2\tGG002\t[*] saved-tensor-modified",
        "1\tGG001\t[*] leaf-inplace",
        "1\tGG003\t[*] multi-output-view-inplace",
        "1\tGG009\t[*] parameter-rebound",
    ]
    as_json = json.loads(
        run("--statistics", "--output-format", "json", "train.py", cwd=project).stdout
    )
    assert as_json[0] == {
        "code": "GG002",
        "name": "saved-tensor-modified",
        "count": 2,
        "fixable": True,
    }
    clean = run("--statistics", "clean.py", cwd=project)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_exit_zero(project: Path) -> None:
    out = run("--exit-zero", "train.py", cwd=project)
    assert out.returncode == 0 and "Found 4 findings" in out.stdout
    (project / "broken.ipynb").write_text("{")
    assert run("--exit-zero", "train.py", "broken.ipynb", cwd=project).returncode == 2


def test_quiet(project: Path) -> None:
    out = run("--quiet", "train.py", cwd=project)
    assert out.returncode == 1
    assert out.stdout.startswith("train.py:19:9: GG002 [error]")
    assert "Found" not in out.stdout
    clean = run("-q", "clean.py", cwd=project)
    assert (clean.returncode, clean.stdout) == (0, "")
    (project / "broken.ipynb").write_text("{")
    failed = run("-q", "broken.ipynb", cwd=project)
    assert failed.returncode == 2 and "broken.ipynb: error: not checked" in failed.stdout


# --------------------------------------------------------------------------- stdin


def test_stdin_with_a_dash(project: Path) -> None:
    out = run("-", cwd=project, stdin=EXAMPLE.read_text())
    assert out.returncode == 1, out.stderr
    assert "-:19:9: GG002 [error]" in out.stdout
    clean = run("-", cwd=project, stdin=CLEAN)
    assert clean.returncode == 0 and "All checks passed (1 file)" in clean.stdout


def test_stdin_filename_names_the_buffer_and_its_settings_apply(project: Path) -> None:
    sub = project / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.gradguard]\nignore = ["GG001"]\n')
    out = run(
        "--output-format",
        "json",
        "--stdin-filename",
        "pkg/model.py",
        cwd=project,
        stdin=EXAMPLE.read_text(),
    )
    assert out.returncode == 1, out.stderr
    diagnostics = json.loads(out.stdout)["diagnostics"]
    assert {d["path"] for d in diagnostics} == {"pkg/model.py"}
    assert {d["code"] for d in diagnostics} == {"GG002", "GG003"}  # GG001 ignored there
    assert not (project / "pkg" / "model.py").exists()


def test_stdin_fix_writes_the_fixed_source_to_stdout(project: Path) -> None:
    out = run("--fix", "--stdin-filename", "train.py", cwd=project, stdin=EXAMPLE.read_text())
    assert out.returncode == 0, out.stderr
    assert "gate = gate.mul(2)" in out.stdout and "gate.mul_(2)" not in out.stdout
    assert "Applied 4 fixes." in out.stderr
    assert (project / "train.py").read_text() == EXAMPLE.read_text()  # nothing written


# --------------------------------------------------------------------------- --diff


def test_diff_shows_the_fixes_and_writes_nothing(project: Path) -> None:
    before = (project / "train.py").read_text()
    out = run("--diff", "train.py", "clean.py", cwd=project)
    assert out.returncode == 1, out.stderr
    assert out.stdout.startswith("--- train.py\n+++ train.py\n@@ ")
    assert "-        gate.mul_(2)  # sigmoid saved" in out.stdout
    assert "+        gate = gate.mul(2)  # sigmoid saved" in out.stdout
    assert "Would apply 4 fixes." in out.stderr
    assert (project / "train.py").read_text() == before
    # the diff is exactly what --fix does
    patched = project / "patched"
    patched.mkdir()
    shutil.copy(project / "train.py", patched / "train.py")
    subprocess.run(["patch", "-s", "-p0"], input=out.stdout, text=True, cwd=patched, check=True)
    run("--fix", "train.py", cwd=project)
    assert (patched / "train.py").read_text() == (project / "train.py").read_text()
    nothing = run("--diff", "clean.py", cwd=project)
    assert (nothing.returncode, nothing.stdout) == (0, "")


def test_every_new_flag_is_in_the_help() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "gradguard", "check", "--help"], capture_output=True, text=True
    ).stdout
    for flag in (
        "--output-format",
        "--statistics",
        "--exit-zero",
        "--quiet",
        "--stdin-filename",
        "--diff",
        "--max-file-size",
        "github",
        "gitlab",
    ):
        assert flag in help_text, flag


def test_every_new_flag_and_the_ci_snippets_are_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for text in (
        "--output-format", "--statistics", "--exit-zero", "--quiet", "--stdin-filename",
        "--diff", "--max-file-size", "max_file_size", "id: gradguard", "gradguard-fix",
        "upload-sarif", "--output-format github", "--output-format gitlab",
    ):  # fmt: skip
        assert text in readme, text


# --------------------------------------------------------------------------- SARIF


def _sarif_validator() -> jsonschema.Draft4Validator:
    raw = SCHEMA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256  # the vendored file, unchanged
    schema = json.loads(raw)
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "source": c,
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


def test_sarif_is_valid_and_carries_rules_and_fixes(project: Path) -> None:
    (project / "nb.ipynb").write_text(
        _notebook(
            [
                "import torch\nx = torch.randn(3, requires_grad=True)\n",
                "y = torch.sigmoid(x)\ny.mul_(2)\ny.sum().backward()\n",
            ]
        )
    )
    (project / "broken.ipynb").write_text("{")
    out = run("--output-format", "sarif", ".", cwd=project)
    assert out.returncode == 2  # broken.ipynb was not checked
    doc = json.loads(out.stdout)
    errors = sorted(_sarif_validator().iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])

    [sarif_run] = doc["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for rule in rules:
        assert rule["helpUri"] == rule_doc_url(rule["id"])
        assert rule["shortDescription"]["text"] == RULES[rule["id"]].summary
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert (levels["GG002"], levels["GG008"], levels["GG009"]) == ("error", "note", "warning")

    results = sarif_run["results"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    gg002 = next(
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "train.py"
        and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 19
    )
    assert gg002["level"] == "error"
    change = gg002["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": "train.py", "uriBaseId": "%SRCROOT%"}
    [replacement] = change["replacements"]
    assert replacement["insertedContent"]["text"] == "gate = gate.mul(2)"
    region = replacement["deletedRegion"]
    line = (project / "train.py").read_text().splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "gate.mul_(2)"

    notebook = next(
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nb.ipynb"
    )
    assert "region" not in notebook["locations"][0]["physicalLocation"]
    assert notebook["locations"][0]["properties"] == {"cell": 2, "line": 2, "column": 1}
    assert notebook["message"]["text"].startswith("cell 2, line 2: ")

    [invocation] = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    [failure] = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert failure["message"]["text"].startswith("not checked: not a Jupyter notebook")
    uri = failure["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "broken.ipynb"


def test_sarif_of_a_clean_run_is_valid(project: Path) -> None:
    out = run("--output-format", "sarif", "clean.py", cwd=project)
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert not list(_sarif_validator().iter_errors(doc))
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_paths_outside_the_working_directory_are_file_uris(project: Path) -> None:
    doc = json.loads(run("--output-format", "sarif", str(project / "train.py"), cwd=ROOT).stdout)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (project / "train.py").as_uri()}
