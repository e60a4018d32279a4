"""Starts the gradguard language server with the libraries bundled in the VS Code extension.

Run by the extension as `python <extension>/bundled/tool/server.py --import-strategy=S [ARGS]`
(copied there by `npm run bundle-libs`). `bundled/libs` holds gradguard and the pure-Python
libraries it needs (pygls, lsprotocol, jedi, parso, attrs, cattrs, ...); torch is never bundled.

- useBundled (default): `bundled/libs` goes first on sys.path, so the bundled copies win.
- fromEnvironment: the interpreter's own gradguard, if it has one; `bundled/libs` goes last on
  sys.path and only fills in what the environment lacks.

The path is changed here rather than through PYTHONPATH so that the user's code, which Verify
cell runs in a subprocess with the server's environment, never sees the bundled libraries.
The analysis workers are spawned processes: they inherit this sys.path from the parent.
"""

from __future__ import annotations

import os
import sys

LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
STRATEGIES = ("useBundled", "fromEnvironment")
MIN_PYTHON = (3, 10)


def _split_args(argv: list[str]) -> tuple[str, list[str]]:
    strategy = "useBundled"
    rest = []
    for arg in argv:
        if arg.startswith("--import-strategy="):
            strategy = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return strategy, rest


def _prepare_path(strategy: str) -> None:
    if not os.path.isdir(LIBS):
        sys.stderr.write(f"gradguard: no bundled libraries at {LIBS}; using the environment's\n")
        return
    if strategy == "fromEnvironment":
        import importlib.util

        if importlib.util.find_spec("gradguard") is not None:
            sys.path.append(LIBS)
            return
        sys.stderr.write("gradguard: not installed in this environment; using the bundled copy\n")
    sys.path.insert(0, LIBS)


def main() -> int:
    if sys.version_info < MIN_PYTHON:
        have = ".".join(map(str, sys.version_info[:2]))
        need = ".".join(map(str, MIN_PYTHON))
        sys.stderr.write(
            f"gradguard: the server needs Python {need} or newer; {sys.executable} is {have}\n"
        )
        return 3
    strategy, rest = _split_args(sys.argv[1:])
    if strategy not in STRATEGIES:
        sys.stderr.write(f"gradguard: unknown import strategy {strategy!r}; using useBundled\n")
        strategy = "useBundled"
    _prepare_path(strategy)

    import gradguard
    from gradguard.cli import main as gradguard_main

    sys.stderr.write(
        f"gradguard {gradguard.__version__} from {os.path.dirname(gradguard.__file__)} "
        f"(import strategy {strategy}), Python {sys.version.split()[0]} at {sys.executable}\n"
    )
    sys.stderr.flush()
    return gradguard_main(["server", *rest])


if __name__ == "__main__":
    sys.exit(main())
