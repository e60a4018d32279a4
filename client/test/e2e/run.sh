#!/usr/bin/env bash
# End-to-end test of the VS Code extension in real VS Code (code-server 4.100.3 = VS Code 1.100.3)
# and headless Chromium, driven by playwright-core. Installs what it needs on first use:
#   - Debian packages chromium, libkrb5-dev (code-server's kerberos module), ripgrep (as root);
#   - the repository's npm packages (npm ci) and the .vsix (npm run package);
#   - code-server into a cache folder outside the repository:
#     $GRADGUARD_E2E_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/gradguard-e2e.
# Screenshots and logs go to client/test/e2e/artifacts/. Exits non-zero on failure.
# Needs Node.js 20 (code-server 4.100.3 refuses other versions) and python3 (3.10+) with pip.
# The extension runs the server with $GRADGUARD_E2E_PYTHON (default: .venv/bin/python, as made by
# ./dev.sh), which needs torch for Verify cell.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE="${GRADGUARD_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gradguard-e2e}"
CODE_SERVER_HOME="$CACHE/code-server-$CODE_SERVER_VERSION"
CODE_SERVER="$CODE_SERVER_HOME/node_modules/.bin/code-server"
ARTIFACTS="$ROOT/client/test/e2e/artifacts"
START=$(date +%s)

say() { printf '[run.sh %4ss] %s\n' "$(($(date +%s) - START))" "$*"; }

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
    echo "run.sh: code-server $CODE_SERVER_VERSION needs Node.js 20, this is $(node --version)" >&2
    exit 2
fi

# --- Debian packages -------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
CHROMIUM="$(command -v chromium)"

# --- the extension: npm packages, type-check, lint, bundle, .vsix --------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund
fi
# the .vsix exactly as `npm run package` builds it, vsce's secret scan included (seconds: the
# bundle holds ~1,100 files); type-check and lint run in `npm run check`
say "bundling the server libraries and packaging the .vsix"
npm run --silent bundle-libs
npm run --silent vsix
VSIX="$ROOT/gradguard.vsix"
say "$(du -h "$VSIX" | cut -f1) $VSIX"

# --- code-server, in the cache folder ----------------------------------------------------------
if [ ! -x "$CODE_SERVER" ] || ! "$CODE_SERVER" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; then
    say "installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_HOME"
    # @vscode/ripgrep downloads rg from GitHub in its postinstall: seed its download cache with
    # Debian's ripgrep instead (same layout: a tarball with `rg` at its root)
    rg_cache="$(node -p 'require("os").tmpdir()')/$RIPGREP_CACHE_NAME"
    if [ ! -f "$rg_cache/$RIPGREP_ASSET" ]; then
        mkdir -p "$rg_cache"
        staging="$(mktemp -d)"
        cp "$(command -v rg)" "$staging/rg"
        tar -czf "$rg_cache/$RIPGREP_ASSET" -C "$staging" rg
        rm -rf "$staging"
    fi
    rm -rf "$CODE_SERVER_HOME"
    mkdir -p "$CODE_SERVER_HOME"
    echo '{"private": true}' >"$CODE_SERVER_HOME/package.json"
    # npm_config_yes: node-pty's build runs `npx node-gyp`; unsafe_perm: code-server's postinstall
    # insists on it as root; dangerously_allow_all_scripts: npm 11 runs no dependency install
    # scripts unless allowed, and code-server's postinstall runs nested `npm install`s
    (
        cd "$CODE_SERVER_HOME"
        npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
            npm install --no-audit --no-fund --unsafe-perm=true "code-server@$CODE_SERVER_VERSION"
    )
    "$CODE_SERVER" --version | grep -q "^$CODE_SERVER_VERSION " || {
        echo "run.sh: code-server $CODE_SERVER_VERSION did not install" >&2
        exit 1
    }
fi

# --- the test -------------------------------------------------------------------------------------
say "building the driver"
node client/scripts/build.mjs --tests >/dev/null
say "running the end-to-end test; screenshots go to ${ARTIFACTS#"$ROOT"/}"
# the driver's last line is its summary: "e2e: N passed, N failed"
GRADGUARD_E2E_PYTHON="${GRADGUARD_E2E_PYTHON:-$ROOT/.venv/bin/python}"
"$GRADGUARD_E2E_PYTHON" -c 'import torch' || {
    echo "run.sh: $GRADGUARD_E2E_PYTHON has no torch (run ./dev.sh test, or set GRADGUARD_E2E_PYTHON)" >&2
    exit 2
}
export CODE_SERVER GRADGUARD_VSIX="$VSIX" CHROMIUM E2E_ARTIFACTS="$ARTIFACTS" GRADGUARD_E2E_PYTHON
exec node client/out/e2e/driver.js
