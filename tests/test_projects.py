"""The torch-grounded multi-module projects (tests/projects/README.md): for every project,
(a) running its entry script under torch gives the outcome its `# raises:` label says,
(b) `gradguard check` over the project (imports followed) reports exactly its `# expect:`
    annotations, each at its own file and line, never an error on a project that runs cleanly,
    and names every `# saver` line (file and line) in related information,
(c) every fix offered, applied to a copy of the project (in whichever files it edits), makes
    the project run cleanly.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from gradguard.analysis import Finding, Severity
from gradguard.analysis.edits import apply_edits
from gradguard.checking import DEFAULT_EXCLUDES, FileResult, check_many, iter_python_files
from gradguard.config import load_config
from harness.projectfile import Project, all_projects, parse_project

PROJECTS_DIR = Path(__file__).parent / "projects"
PROJECT_PATHS = all_projects(PROJECTS_DIR)
IDS = [f"{p.parent.name}/{p.name}" for p in PROJECT_PATHS]


def check_project(root: Path) -> list[FileResult]:
    """What `gradguard check ROOT` reports (the project's own configuration applies)."""
    config = load_config(root)
    files = [str(p) for p in iter_python_files([str(root)], DEFAULT_EXCLUDES)]
    return check_many(files, config, jobs=1)


def located(root: Path, result: FileResult, path: str) -> str:
    """A location's file relative to the project root ("" in a finding: the result's file)."""
    absolute = path or os.path.abspath(result.path)
    return Path(absolute).resolve().relative_to(root.resolve()).as_posix()


def findings_of(root: Path) -> list[tuple[FileResult, Finding]]:
    return [(r, f) for r in check_project(root) for f in r.findings]


def test_enough_projects() -> None:
    assert len(PROJECT_PATHS) >= 40
    raising = [p for p in PROJECT_PATHS if parse_project(p).raises is not None]
    assert len(raising) >= 20 and len(PROJECT_PATHS) - len(raising) >= 15


@pytest.mark.parametrize("root", PROJECT_PATHS, ids=IDS)
def test_runtime_matches_label(root: Path) -> None:
    pytest.importorskip("torch")
    from harness.project_run import matches, run_project

    project = parse_project(root)
    outcome = run_project(project)
    assert matches(outcome, project), f"label: {project.raises}; torch: {outcome}"


@pytest.mark.parametrize("root", PROJECT_PATHS, ids=IDS)
def test_findings_match_annotations(root: Path) -> None:
    project = parse_project(root)
    results = check_project(root)
    problems = [p for r in results for p in r.problems]
    assert not problems, problems
    found = [(r, f) for r in results for f in r.findings]
    got = {(located(root, r, f.path), f.line, f.code) for r, f in found}
    assert got == project.expected, "\n".join(
        f"{located(root, r, f.path)}:{f.line} {f.code} [{f.severity.label}] {f.message}"
        for r, f in found
    )
    if project.raises is None:
        errors = [f for _, f in found if f.severity == Severity.ERROR]
        assert not errors, f"error-severity finding on a project that runs cleanly: {errors}"
    named = {
        (located(root, r, rel.span.path), rel.span.line) for r, f in found for rel in f.related
    }
    assert project.saver_lines <= named, f"saver lines {project.saver_lines}, related: {named}"


FLAGGED = [p for p in PROJECT_PATHS if parse_project(p).expected]


@pytest.mark.parametrize("root", FLAGGED, ids=[f"{p.parent.name}/{p.name}" for p in FLAGGED])
def test_every_fix_makes_the_project_run(root: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from harness.project_run import run_project

    fixes = [(located(root, r, ""), fix) for r, f in findings_of(root) for fix in f.fixes]
    if not fixes:
        pytest.skip("no fix offered")
    for index, (home, fix) in enumerate(fixes):
        copy = tmp_path / f"fix{index}"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__"))
        by_file: dict[str, list] = {}
        for edit in fix.edits:
            rel = home if not edit.span.path else located(root, FileResult(""), edit.span.path)
            by_file.setdefault(rel, []).append(edit)
        for rel, edits in by_file.items():
            target = copy / rel
            target.write_text(apply_edits(target.read_text(encoding="utf-8"), edits), "utf-8")
        project: Project = parse_project(copy)
        outcome = run_project(project)
        assert outcome.ok, f"fix {fix.title!r} ({sorted(by_file)}): {outcome}"
