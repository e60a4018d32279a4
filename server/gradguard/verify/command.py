"""`gradguard verify FILE [--cell N] [--timeout S] [--python PATH] [--format text|json]`.

Exit status: 0 the code ran without runtime findings, 1 runtime findings, an exception, a timeout
or a crash, 2 usage or internal error, or no usable torch in the chosen interpreter.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cells import CellError
from .runner import DEFAULT_TIMEOUT, Limits


def _positive(kind: Callable[[str], float]) -> Callable[[str], Any]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text}")
        return value

    return parse


def add_verify_parser(sub: Any) -> None:
    verify = sub.add_parser(
        "verify",
        help="run a file or a `# %%` cell under instrumented torch, in a subprocess, and "
        "report what really happened",
    )
    verify.add_argument("file", nargs="?", help="the file (or give it with --story FILE:LINE)")
    verify.add_argument(
        "--cell",
        type=_positive(int),
        help="the `# %%` cell to verify, numbered from 1; the cells before it run first as "
        "setup (default: the whole file is one cell)",
    )
    verify.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        help=f"seconds before the whole process tree is killed (default {DEFAULT_TIMEOUT:g})",
    )
    verify.add_argument("--python", help="interpreter that runs the code (default: this one)")
    verify.add_argument(
        "--memory-limit",
        type=_positive(int),
        metavar="MB",
        help="address-space limit of the subprocess (where the OS supports it)",
    )
    verify.add_argument("--format", choices=("text", "json"), default="text")
    from ..check_command import add_story_arguments

    add_story_arguments(verify)
    verify.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    from . import verify_file
    from .report import render_json, render_text

    story_line = None
    if args.story:
        if args.story.isdigit():
            story_line = int(args.story)
        else:
            file, _, line = args.story.rpartition(":")
            if not file or not line.isdigit():
                print(
                    f"gradguard: --story wants LINE or FILE:LINE, not {args.story!r}",
                    file=sys.stderr,
                )
                return 2
            args.file, story_line = args.file or file, int(line)
    if not args.file:
        print("gradguard: verify needs a FILE", file=sys.stderr)
        return 2
    if not Path(args.file).is_file():
        print(f"gradguard: no such file: {args.file}", file=sys.stderr)
        return 2
    if args.file.endswith(".ipynb"):
        print(
            "gradguard: verify runs .py files and their `# %%` cells; for a notebook, use "
            "Verify cell in the editor (or `jupyter nbconvert --to script` first)",
            file=sys.stderr,
        )
        return 2
    limits = Limits(timeout=args.timeout, memory_mb=args.memory_limit)
    try:
        result = verify_file(args.file, args.cell, python=args.python, limits=limits)
    except (CellError, FileNotFoundError) as exc:
        print(f"gradguard: {exc}", file=sys.stderr)
        return 2
    if story_line is not None:
        return _write_story(result, args, story_line)
    render = render_json if args.format == "json" else render_text
    sys.stdout.write(render(result))
    if result.status == "no_torch":
        print(f"gradguard: {result.message}", file=sys.stderr)
    return result.exit_code


def _write_story(result: Any, args: argparse.Namespace, line: int) -> int:
    """`--story`: the SVG and text timeline of the finding at `line`, with the run's facts."""
    from ..checking import FileResult
    from ..story_output import write_story
    from .story_facts import run_story

    finding = next((f for f in result.static if f.line == line), None)
    if finding is None:
        print(
            f"gradguard: no finding at line {line} of {args.file} in the verified cell",
            file=sys.stderr,
        )
        return 2
    story = run_story(finding, result)
    return write_story(
        FileResult(args.file), finding, None, line, args.story_out, args.theme, story=story
    )
