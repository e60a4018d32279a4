"""Command line: `gradguard check PATH...` (ruff-like text, JSON or SARIF output),
`gradguard verify FILE` (run it under instrumented torch, in a subprocess) and
`gradguard server` (the language server, over stdio)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .analysis import Finding, Report, check_bytes, check_source
from .analysis.edits import apply_fixes
from .config import Config, load_config
from .notebook_cells import ipynb_code_cells, join_cells, python_view
from .output import render_json, render_sarif, render_text

DEFAULT_EXCLUDES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "env",
        ".env",
        "__pycache__",
        "node_modules",
        "build",
        "dist",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "site-packages",
        ".eggs",
        ".ipynb_checkpoints",
    }
)
MAX_FILE_BYTES = 10_000_000


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fixed: int = 0
    # for a .ipynb: the 0-based line at which each code cell starts in the joined program
    cell_starts: list[int] | None = None


def iter_python_files(paths: Sequence[str], excludes: frozenset[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            yield p
            continue
        if not p.is_dir():
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in excludes and not d.endswith(".egg-info"))
            for name in sorted(files):
                if name.endswith((".py", ".pyi", ".ipynb")) and name not in excludes:
                    yield Path(root) / name


def check_file(path: str, config: Config, fix: bool = False) -> FileResult:
    result = FileResult(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            result.problems.append(f"skipped: file too large ({size:,} bytes)")
            return result
        data = Path(path).read_bytes()
    except OSError as exc:
        result.problems.append(f"cannot read: {exc.strerror or exc}")
        return result
    if path.endswith(".ipynb"):
        return _check_notebook(result, data, config, fix)
    try:
        report: Report = check_bytes(
            data, path, use_jedi=config.jedi, select=config.select, ignore=config.ignore
        )
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a whole run
        result.problems.append(f"internal error: {type(exc).__name__}: {exc}")
        return result
    result.findings = report.findings
    result.problems = report.problems
    if fix and report.findings:
        safe = [f.fixes[0] for f in report.findings if f.fixes]
        if safe:
            text = data.decode("utf-8")
            new_text, applied = apply_fixes(text, safe)
            if applied and new_text != text:
                Path(path).write_text(new_text, encoding="utf-8")
                result.fixed = applied
                rerun = check_bytes(
                    new_text.encode("utf-8"),
                    path,
                    use_jedi=config.jedi,
                    select=config.select,
                    ignore=config.ignore,
                )
                result.findings = rerun.findings
    return result


def _check_notebook(result: FileResult, data: bytes, config: Config, fix: bool) -> FileResult:
    """A notebook's code cells are checked together, in order; lines are reported per cell."""
    try:
        cells = ipynb_code_cells(data)
    except ValueError as exc:
        result.problems.append(str(exc))
        return result
    source, starts = join_cells([python_view(c) for c in cells])
    try:
        report = check_source(
            source, result.path, use_jedi=config.jedi, select=config.select, ignore=config.ignore
        )
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a whole run
        result.problems.append(f"internal error: {type(exc).__name__}: {exc}")
        return result
    result.findings, result.problems, result.cell_starts = report.findings, report.problems, starts
    if fix and report.findings:
        result.problems.append("--fix does not edit notebooks: apply the fixes in the editor")
    return result


def _check_many(files: list[str], config: Config, fix: bool, jobs: int) -> list[FileResult]:
    if jobs <= 1 or len(files) < 8:
        return [check_file(f, config, fix) for f in files]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(
            pool.map(
                check_file,
                files,
                [config] * len(files),
                [fix] * len(files),
                chunksize=max(1, len(files) // (jobs * 8)),
            )
        )


def cmd_check(args: argparse.Namespace) -> int:
    config = load_config(Path(args.paths[0]) if args.paths else Path.cwd())
    if args.select:
        config.select = _codes(args.select)
    if args.ignore:
        config.ignore = (config.ignore or []) + _codes(args.ignore)
    if args.no_jedi:
        config.jedi = False
    if args.jedi:
        config.jedi = True
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"gradguard: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    excludes = DEFAULT_EXCLUDES | frozenset(config.exclude)
    files = [str(p) for p in iter_python_files(args.paths, excludes)]
    jobs = args.jobs or os.cpu_count() or 1
    results = _check_many(files, config, args.fix, jobs)
    out = {"text": render_text, "json": render_json, "sarif": render_sarif}[args.format](
        results, args.show_fixes if args.format == "text" else True
    )
    sys.stdout.write(out)
    return 1 if any(r.findings for r in results) else 0


def cmd_server(args: argparse.Namespace) -> int:
    from .lsp.server import serve_stdio  # pygls is only imported when the server runs

    return serve_stdio()


def _codes(raw: list[str]) -> list[str]:
    return [c.strip().upper() for item in raw for c in item.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradguard",
        description="Find unsafe PyTorch in-place operations before the code runs.",
    )
    parser.add_argument("--version", action="version", version=f"gradguard {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="analyse files or directories")
    check.add_argument("paths", nargs="*", default=["."])
    check.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    check.add_argument("--select", action="append", help="only these codes (prefixes)")
    check.add_argument("--ignore", action="append", help="skip these codes (prefixes)")
    check.add_argument("--fix", action="store_true", help="apply the preferred fix of each finding")
    check.add_argument("--show-fixes", action="store_true", help="list available fixes")
    check.add_argument(
        "--no-jedi",
        action="store_true",
        help="local inference only (skip jedi's cross-module types)",
    )
    check.add_argument("--jedi", action="store_true", help="use jedi (the default)")
    check.add_argument("--jobs", "-j", type=int, default=0, help="parallel processes")
    check.set_defaults(func=cmd_check)
    server = sub.add_parser("server", help="run the language server (LSP over stdio)")
    server.add_argument("--stdio", action="store_true", help="use stdio (the default and only)")
    server.set_defaults(func=cmd_server)
    from .verify.command import add_verify_parser

    add_verify_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 2
    except Exception as exc:  # noqa: BLE001
        print(f"gradguard: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
