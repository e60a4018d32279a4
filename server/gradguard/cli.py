"""Command line: `gradguard check PATH...` (ruff-like text, JSON or SARIF output),
`gradguard verify FILE` (run it under instrumented torch, in a subprocess) and
`gradguard server` (the language server, over stdio)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .checking import DEFAULT_EXCLUDES, apply_preferred_fixes, check_many, collect_files
from .config import load_config, parse_size
from .output import render_json, render_sarif, render_text


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
    if args.no_follow_imports:
        config.follow_imports = False
    if args.max_file_size is not None:
        config.max_file_size = args.max_file_size
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        print(f"gradguard: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    excludes = DEFAULT_EXCLUDES | frozenset(config.exclude)
    files, failed = collect_files(args.paths, excludes)
    jobs = args.jobs or os.cpu_count() or 1
    results = failed + check_many(files, config, jobs)
    if args.fix:
        fixed = apply_preferred_fixes(results)
        if fixed:
            results = failed + check_many(files, config, jobs)
            if results:
                results[0].fixed = fixed
        notebooks = [r for r in results if r.cell_starts is not None and r.findings]
        for r in notebooks:
            r.problems.append("--fix does not edit notebooks: apply the fixes in the editor")
    out = {"text": render_text, "json": render_json, "sarif": render_sarif}[args.format](
        results, args.show_fixes if args.format == "text" else True
    )
    sys.stdout.write(out)
    if args.format != "text":
        for r in results:
            if r.unchecked:  # the document on stdout has them; a person reads stderr
                print(f"gradguard: error: {r.path}: not checked: {r.unchecked}", file=sys.stderr)
    if any(r.unchecked for r in results):
        return 2  # a requested file was not checked: never a pass (ruff's and mypy's status)
    return 1 if any(r.findings for r in results) else 0


def cmd_server(args: argparse.Namespace) -> int:
    from .lsp.server import serve_stdio  # pygls is only imported when the server runs

    return serve_stdio()


def _codes(raw: list[str]) -> list[str]:
    return [c.strip().upper() for item in raw for c in item.split(",") if c.strip()]


def _size(raw: str) -> int:
    try:
        return parse_size(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


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
        help="larger files are reported as not checked, exit 2 (e.g. 50MB; the default, "
        "or `max_file_size` under [tool.gradguard])",
    )
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
