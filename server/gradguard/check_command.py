"""`gradguard check`: its flags (ruff's names and meanings where ruff has the same thing) and
its exit status: 0 no findings, 1 findings (or, with `--diff`, changes to show), 2 a usage
error or a requested file that could not be checked; `--exit-zero` turns 1 into 0, never 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analysis.checker import unknown_codes
from .analysis.parsing import decode_source
from .analysis.rules import RULES
from .checking import (
    DEFAULT_EXCLUDES,
    FileResult,
    FixPlan,
    check_bytes,
    check_file,
    check_many,
    collect_files,
    display_path,
    plan_preferred_fixes,
    relocate,
)
from .ci_formats import render_github, render_gitlab
from .config import Config, load_config, parse_size
from .output import render_diff, render_json, render_statistics, render_text
from .sarif import render_sarif

RENDERERS: dict[str, Callable[[list[FileResult], bool], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "gitlab": render_gitlab,
}


def _size(raw: str) -> int:
    try:
        return parse_size(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_check_parser(sub: Any) -> None:
    check = sub.add_parser(
        "check",
        help="analyse files or directories",
        epilog="exit status: 0 no findings, 1 findings (--diff: changes to show), 2 a usage "
        "error or a file that could not be checked",
    )
    check.add_argument("paths", nargs="*", default=["."], help="files and directories; - : stdin")
    check.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=tuple(RENDERERS),
        default="text",
        help="text (default), json, sarif, github (workflow annotations), gitlab (Code Quality)",
    )
    check.add_argument("--select", action="append", help="only these codes (prefixes)")
    check.add_argument("--ignore", action="append", help="skip these codes (prefixes)")
    check.add_argument("--fix", action="store_true", help="apply the preferred fix of each finding")
    check.add_argument(
        "--diff",
        action="store_true",
        help="show what --fix would change as a unified diff, write nothing; exit 1 if it would "
        "change something",
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix/--diff, also apply fixes marked unsafe (they change what the code "
        "computes, e.g. moving an optimizer step)",
    )
    check.add_argument("--show-fixes", action="store_true", help="list available fixes")
    check.add_argument(
        "--statistics", action="store_true", help="count the findings per rule instead"
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even with findings (a file not checked still exits 2)",
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="findings only: no notes, no summary"
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="read the source from stdin and report it as PATH (its folder and settings apply)",
    )
    check.add_argument(
        "--no-jedi",
        action="store_true",
        help="local inference only (skip jedi's cross-module types)",
    )
    check.add_argument("--jedi", action="store_true", help="use jedi (the default)")
    check.add_argument(
        "--no-follow-imports",
        action="store_true",
        help="analyse each file on its own (do not follow calls into the project's modules)",
    )
    check.add_argument("--jobs", "-j", type=int, default=0, help="parallel processes")
    check.add_argument(
        "--max-file-size",
        type=_size,
        metavar="BYTES",
        help="larger files are not read and are reported as not checked, exit 2 (e.g. 50MB, "
        "the default; `max_file_size` under [tool.gradguard])",
    )
    add_story_arguments(check)
    check.set_defaults(func=cmd_check)


def add_story_arguments(parser: Any) -> None:
    """`--story FILE:LINE`, `--story-out`, `--theme` (check and verify)."""
    parser.add_argument(
        "--story",
        metavar="FILE:LINE",
        help="write the autograd story of the finding at that line as an SVG timeline and "
        "print it as text (a notebook: FILE:CELL:LINE)",
    )
    parser.add_argument(
        "--story-out",
        metavar="PATH",
        help="where --story writes the SVG (default: beside FILE, NAME.LINE.story.svg)",
    )
    parser.add_argument(
        "--theme",
        choices=("light", "dark"),
        default="light",
        help="the SVG's colours outside an editor (default light)",
    )


def _codes(raw: list[str]) -> list[str]:
    return [c.strip().upper() for item in raw for c in item.split(",") if c.strip()]


def _config(args: argparse.Namespace, start: Path) -> Config:
    """`[tool.gradguard]` of the nearest pyproject.toml, then the flags over it."""
    config = load_config(start)
    if args.select:
        config.select = _codes(args.select)
    if args.ignore:
        config.ignore = (config.ignore or []) + _codes(args.ignore)
    if args.no_jedi:
        config.jedi = False
    if args.jedi:
        config.jedi = True
    if args.no_follow_imports:
        config.follow_imports = False
    if args.max_file_size is not None:
        config.max_file_size = args.max_file_size
    return config


@dataclass
class Run:
    """What is checked: files on disk, or one text from stdin (`stdin`: its absolute path)."""

    config: Config
    files: list[str] = field(default_factory=list)
    failed: list[FileResult] = field(default_factory=list)
    stdin: str | None = None
    stdin_name: str = "-"
    stdin_data: bytes = b""
    jobs: int = 1

    def check(self) -> list[FileResult]:
        if self.stdin is None:
            return self.failed + check_many(self.files, self.config, self.jobs)
        return relocate([check_bytes(self.stdin_name, self.stdin_data, self.config)])

    @property
    def stdin_text(self) -> str:
        return decode_source(self.stdin_data)[0]

    def plan(self, results: list[FileResult], unsafe: bool = False) -> FixPlan:
        """The preferred fixes; for stdin, those that edit only its text (no file is written)."""
        if self.stdin is None:
            return plan_preferred_fixes(results, unsafe=unsafe)
        return plan_preferred_fixes(
            results, {self.stdin: self.stdin_text}, only={self.stdin}, unsafe=unsafe
        )

    def name(self, path: str) -> str:
        return self.stdin_name if path == self.stdin else display_path(path)


def _stdin_wanted(args: argparse.Namespace) -> bool:
    """ruff's rule: `--stdin-filename` always reads stdin; otherwise the one path `-`."""
    if args.stdin_filename is not None:
        ignored = [p for p in args.paths if p not in (".", "-")]
        if ignored:
            print(f"gradguard: reading stdin; ignoring {', '.join(ignored)}", file=sys.stderr)
        return True
    return list(args.paths) == ["-"]


def _prepare(args: argparse.Namespace) -> Run | int:
    if _stdin_wanted(args):
        name = args.stdin_filename or "-"
        start = Path(args.stdin_filename) if args.stdin_filename else Path.cwd()
        data = sys.stdin.buffer.read()
        return Run(
            _config(args, start), stdin=os.path.abspath(name), stdin_name=name, stdin_data=data
        )
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        print(f"gradguard: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    config = _config(args, Path(args.paths[0]))
    unknown = unknown_codes([*(config.select or []), *(config.ignore or [])])
    if unknown:
        known = ", ".join(sorted(RULES))
        print(
            f"gradguard: unknown rule code {', '.join(unknown)} (rules: {known}, or ALL)",
            file=sys.stderr,
        )
        return 2
    files, failed = collect_files(args.paths, DEFAULT_EXCLUDES | frozenset(config.exclude))
    return Run(config, files, failed, jobs=args.jobs or os.cpu_count() or 1)


def cmd_check(args: argparse.Namespace) -> int:
    if args.story:
        return _show_story(args)
    run = _prepare(args)
    if isinstance(run, int):
        return run
    results = run.check()
    if args.diff:
        return _show_diff(run, results, args.unsafe_fixes)
    report = sys.stdout
    if args.fix:
        plan = run.plan(results, unsafe=args.unsafe_fixes)
        if run.stdin is not None:  # ruff's convention: the fixed source on stdout
            if run.stdin in plan.changes:
                run.stdin_data = plan.changes[run.stdin][1].encode("utf-8")
            sys.stdout.buffer.write(run.stdin_data)
            sys.stdout.flush()
            report = sys.stderr
        else:
            for path, (_, new_text) in plan.changes.items():
                Path(path).write_text(new_text, encoding="utf-8")
        if plan.count:
            results = run.check()
            if results:
                results[0].fixed = plan.count
        for r in results:
            if r.cell_starts is not None and r.findings:
                r.problems.append("--fix does not edit notebooks: apply the fixes in the editor")
    if args.statistics:
        report.write(render_statistics(results, as_json=args.format == "json"))
    elif args.format == "text":
        report.write(render_text(results, args.show_fixes, quiet=args.quiet))
    else:
        report.write(RENDERERS[args.format](results, True))
    if args.format != "text" or args.statistics:
        _unchecked_to_stderr(results)
    return _status(results, bool(any(r.findings for r in results)), args.exit_zero)


def _show_diff(run: Run, results: list[FileResult], unsafe: bool) -> int:
    """`--diff`: the fixes as a unified diff on stdout, nothing written (ruff's `--diff`)."""
    plan = run.plan(results, unsafe=unsafe)
    changes = [(run.name(p), old, new) for p, (old, new) in sorted(plan.changes.items())]
    sys.stdout.write(render_diff(changes))
    if changes:
        n = plan.count
        print(f"Would apply {n} fix{'es' if n != 1 else ''}.", file=sys.stderr)
    _unchecked_to_stderr(results)
    return _status(results, bool(changes), exit_zero=False)


def _unchecked_to_stderr(results: list[FileResult]) -> None:
    for r in results:
        if r.unchecked:  # the document on stdout has them; a person reads stderr
            print(f"gradguard: error: {r.path}: not checked: {r.unchecked}", file=sys.stderr)


def _status(results: list[FileResult], something: bool, exit_zero: bool) -> int:
    if any(r.unchecked for r in results):
        return 2  # a requested file was not checked: never a pass (ruff's and mypy's status)
    return 1 if something and not exit_zero else 0


def _show_story(args: argparse.Namespace) -> int:
    """`--story FILE:LINE`: the SVG of that finding's story, and its text timeline."""
    from .story_output import finding_at, parse_story_target, write_story

    target = parse_story_target(args.story)
    if target is None:
        print(f"gradguard: --story wants FILE:LINE, not {args.story!r}", file=sys.stderr)
        return 2
    path, cell, line = target
    if not os.path.isfile(path):
        print(f"gradguard: no such file: {path}", file=sys.stderr)
        return 2
    config = _config(args, Path(path))
    (result,) = relocate([check_file(path, config)]) or [FileResult(path)]
    if result.unchecked:
        print(f"gradguard: {path}: not checked: {result.unchecked}", file=sys.stderr)
        return 2
    finding = finding_at(result, cell, line)
    if finding is None:
        where = f"cell {cell}, line {line}" if cell is not None else f"line {line}"
        print(f"gradguard: no finding at {where} of {path}", file=sys.stderr)
        return 2
    return write_story(result, finding, cell, line, args.story_out, args.theme)
