"""Recall and precision on multi-module projects (runtime-checked labels, tests/projects format).

For each project, `gradguard check ROOT` is run as a user would (the project's own
configuration; every file checked; findings filed under the file they are located in), once
with the project's modules followed and once with each file analysed on its own. Reported:

- raising projects flagged: every `# expect:` (file, line, code) is among the findings;
- saver named: every `# saver` (file, line) is in some finding's related information;
- error findings on projects that run cleanly (the target is zero), and on raising projects,
  error findings at places no annotation names.

    python bench/projects_recall.py [DIR ...]   (default: tests/projects, bench/holdout_projects)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gradguard.analysis import Severity  # noqa: E402
from gradguard.checking import (  # noqa: E402
    DEFAULT_EXCLUDES,
    FileResult,
    check_many,
    iter_python_files,
)
from gradguard.config import load_config  # noqa: E402
from harness.projectfile import all_projects, parse_project  # noqa: E402


def _rel(root: Path, result: FileResult, path: str) -> str:
    absolute = Path(path or os.path.abspath(result.path)).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def measure(folder: Path, follow: bool) -> None:
    raising = flagged = savers = saver_named = clean = false_errors = extra_errors = 0
    misses: list[str] = []
    alarms: list[str] = []
    for root in all_projects(folder):
        project = parse_project(root)
        config = load_config(root)
        config.follow_imports = follow
        files = [str(p) for p in iter_python_files([str(root)], DEFAULT_EXCLUDES)]
        results = check_many(files, config, jobs=1)
        found = [(r, f) for r in results for f in r.findings]
        got = {(_rel(root, r, f.path), f.line, f.code) for r, f in found}
        errors = {
            (_rel(root, r, f.path), f.line, f.code)
            for r, f in found
            if f.severity == Severity.ERROR
        }
        related = {(_rel(root, r, x.span.path), x.span.line) for r, f in found for x in f.related}
        if project.raises is not None:
            raising += 1
            if project.expected and project.expected <= got:
                flagged += 1
            else:
                misses.append(
                    f"{root.name}: expected {sorted(project.expected)}, got {sorted(got)}"
                )
            if project.saver_lines:
                savers += 1
                saver_named += project.saver_lines <= related
            stray = errors - project.expected
            extra_errors += bool(stray)
            if stray:
                alarms.append(f"{root.name} (raises): errors also at {sorted(stray)}")
        else:
            clean += 1
            if errors:
                false_errors += 1
                alarms.append(f"{root.name} (clean): {sorted(errors)}")
    mode = "modules followed" if follow else "each file on its own"
    print(f"\n== {folder} ({mode})")
    print(f"  raising projects flagged at the in-place line: {flagged}/{raising}")
    print(f"  saving line named: {saver_named}/{savers}")
    print(f"  clean projects with an error finding: {false_errors}/{clean}")
    print(f"  raising projects with an error at an unannotated place: {extra_errors}/{raising}")
    for line in misses:
        print(f"    miss: {line}")
    for line in alarms:
        print(f"    alarm: {line}")


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [ROOT / "tests/projects", ROOT / "bench/holdout_projects"]
    for folder in folders:
        if not folder.is_dir():
            print(f"no such directory: {folder}", file=sys.stderr)
            continue
        for follow in (False, True):
            measure(folder, follow)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
