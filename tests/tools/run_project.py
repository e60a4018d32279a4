"""Run test projects under torch and check each against its `# raises:` annotation.

Usage: python tests/tools/run_project.py [-j N] DIR [DIR ...]
Each DIR is a project (a folder with pyproject.toml and an entry script carrying `# case:`) or a
folder of projects. Prints OK / MISMATCH per project; exit status 1 when any project's runtime
outcome differs from its label (or a project cannot be parsed).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.project_run import matches, run_project
from harness.projectfile import all_projects, parse_project


def check(root: Path) -> tuple[bool, str]:
    """(ok, report line) for one project directory."""
    try:
        project = parse_project(root)
    except ValueError as exc:
        return False, f"MISMATCH {root}: cannot parse: {exc}"
    outcome = run_project(project)
    r = project.raises
    label = f"raises {r.exc_type} at {r.path}:{r.line}" if r else "runs cleanly"
    ok = matches(outcome, project)
    report = f"{'OK  ' if ok else 'MISMATCH'} {root}: labelled '{label}', got: {outcome.describe()}"
    if not ok and outcome.exc_type == "Crash":
        report += "\n" + outcome.stderr.rstrip()
    return ok, report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="project or folder of projects")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="projects run in parallel")
    args = parser.parse_args(argv)
    roots = [p for d in args.dirs for p in all_projects(d)]
    if not roots:
        print(f"no projects under: {' '.join(map(str, args.dirs))}")
        return 1
    bad = 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for ok, report in pool.map(check, roots):
            print(report, flush=True)
            bad += not ok
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
