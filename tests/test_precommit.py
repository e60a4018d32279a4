"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run for real against a throw-away git
repository (issue 14.1): `pre-commit try-repo` as a user would try them, then a
`.pre-commit-config.yaml` naming this repository, as a project would keep them.

NETWORK: pre-commit builds each hook environment (a virtualenv, then `pip install` of this
package, which fetches setuptools, jedi, pygls and lsprotocol from the package index): three
installs, 60-90 s in all (try-repo builds a fresh one per call). Deselect with
`-m "not network"`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HAZARD = (
    "import torch\n"
    "x = torch.randn(3, requires_grad=True)\n"
    "y = torch.sigmoid(x)\n"
    "y.mul_(2)\n"
    "y.sum().backward()\n"
)
CLEAN = "import torch\nx = torch.randn(3, requires_grad=True)\n(x * 2).sum().backward()\n"

pytestmark = [
    pytest.mark.network,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def hook_repository(dest: Path) -> Path:
    """This package as pre-commit would clone it: the files `pip install .` needs and the
    hooks file, committed (the work tree may hold others' uncommitted edits)."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(
        ROOT / "server", dest / "server", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    git(dest, "init", "-q")
    git(dest, "add", ".")
    git(dest, "commit", "-q", "-m", "hooks")
    return dest


def pre_commit(user: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=user,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_pre_commit_hooks(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    hooks = hook_repository(tmp_path / "hooks")
    user = tmp_path / "user"
    user.mkdir()
    (user / "train.py").write_text(HAZARD)
    (user / "clean.py").write_text(CLEAN)
    (user / "README.md").write_text("not Python: the hook must not be given this file\n")
    git(user, "init", "-q")
    git(user, "add", ".")
    home = tmp_path / "pre-commit-home"

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return pre_commit(user, home, "try-repo", str(hooks), "gradguard", "--files", *files)

    failed = try_repo("train.py", "clean.py", "README.md")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "train.py:4:1: GG002 [error]" in output
    assert "Found 1 finding (1 error) in 2 files." in output  # README.md was not passed
    passed = try_repo("clean.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^gradguard\.+Passed$", passed.stdout, re.MULTILINE), passed.stdout

    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True
    ).stdout.strip()
    (user / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n"
        "  - id: gradguard-fix\n  - id: gradguard\n"
    )
    fixed = pre_commit(user, home, "run", "gradguard-fix", "--files", "train.py")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # pre-commit: files were modified
    assert "files were modified by this hook" in fixed.stdout
    assert "y = y.mul(2)" in (user / "train.py").read_text()
    again = pre_commit(user, home, "run", "gradguard", "--files", "train.py", "clean.py")
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"^gradguard\.+Passed$", again.stdout, re.MULTILINE), again.stdout

    # torch is an optional extra: the hooks' environment has gradguard and not torch
    site = list(home.glob("repo*/py_env-*/lib/python*/site-packages"))
    assert any((p / "gradguard").is_dir() for p in site), list(home.iterdir())
    assert not any((p / "torch").exists() for p in site)
