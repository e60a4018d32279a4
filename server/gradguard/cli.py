"""Command line: `gradguard check PATH...` (ruff-like text, JSON, SARIF, GitHub or GitLab
output; see check_command),
`gradguard verify FILE` (run it under instrumented torch, in a subprocess) and
`gradguard server` (the language server, over stdio)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .check_command import add_check_parser


def cmd_server(args: argparse.Namespace) -> int:
    from .lsp.server import serve_stdio  # pygls is only imported when the server runs

    return serve_stdio()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradguard",
        description="Find unsafe PyTorch in-place operations before the code runs.",
    )
    parser.add_argument("--version", action="version", version=f"gradguard {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    add_check_parser(sub)
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
