#!/usr/bin/env bash
# Set-up and entry points for a fresh machine: installs everything into .venv on first use.
#   ./dev.sh demo   check the bundled examples and show findings with their fixes
#   ./dev.sh test   lint, type-check and run the whole test suite
set -euo pipefail
cd "$(dirname "$0")"
VENV="${GRADGUARD_VENV:-.venv}"
PY="${PYTHON:-python3}"

install() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    if [ ! -f "$VENV/.installed" ] || [ requirements-dev.txt -nt "$VENV/.installed" ] \
        || [ pyproject.toml -nt "$VENV/.installed" ]; then
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e .
        touch "$VENV/.installed"
    fi
}

case "${1:-}" in
    demo)
        install
        status=0
        "$VENV/bin/gradguard" check examples/ --show-fixes || status=$?
        # exit status 1 only means "findings were reported", which is the point of the demo
        [ "$status" -le 1 ]
        ;;
    test)
        install
        # Neovim is the second real LSP client in the tests (Debian's 0.7.2 is enough); its
        # test skips when nvim cannot be had.
        if ! command -v nvim >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            (apt-get update -qq && apt-get install -y -qq neovim) >/dev/null 2>&1 || true
        fi
        "$VENV/bin/ruff" check server tests bench client/python
        "$VENV/bin/ruff" format --check server tests/*.py tests/harness tests/tools tests/lsp bench
        "$VENV/bin/mypy" server/gradguard client/python/server.py
        # the VS Code client: strict type-check, lint and unit tests
        if command -v npm >/dev/null 2>&1; then
            npm ci --no-audit --no-fund --loglevel=error
            npm run --silent check
        else
            echo "npm not found: skipping the VS Code client checks" >&2
        fi
        "$VENV/bin/python" -m pytest -q -n 2 tests
        # the packaged extension in real VS Code (code-server + headless Chromium; installs them
        # on first use, a few minutes). A UI step can time out on a loaded machine: one retry;
        # a broken extension or server fails both runs.
        if command -v npm >/dev/null 2>&1; then
            export GRADGUARD_E2E_PYTHON="$(cd "$(dirname "$VENV/bin/python")" && pwd)/python"
            export GRADGUARD_BUNDLE_PYTHON="$GRADGUARD_E2E_PYTHON"
            bash client/test/e2e/run.sh || {
                echo "dev.sh: the end-to-end test failed; running it once more" >&2
                bash client/test/e2e/run.sh
            }
        fi
        ;;
    *)
        echo "usage: ./dev.sh demo|test" >&2
        exit 2
        ;;
esac
