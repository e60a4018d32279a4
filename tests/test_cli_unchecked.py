"""`gradguard check` never passes what it did not check (issue 13, item 8): an unreadable
file or directory, a broken notebook, a file over the size limit, a symlink loop, a file of
NUL bytes each get a message naming the path and exit status 2; a large file under the limit
is checked (its beginning, when the analysis cannot read it all), not skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gradguard.checking import analysable_prefix
from gradguard.config import DEFAULT_MAX_FILE_SIZE, parse_size

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "train_step.py"
HAZARD = (
    "import torch\n"
    "x = torch.randn(3, requires_grad=True)\n"
    "y = torch.sigmoid(x)\n"
    "y.mul_(2)\n"
    "y.sum().backward()\n"
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradguard", "check", "--no-jedi", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def run_without_root_powers(*args: str) -> subprocess.CompletedProcess[str]:
    """File permissions do not stop root: as root, the CLI runs without the capabilities that
    bypass them (the tests run as root on CI)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without util-linux's setpriv to drop DAC override")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "gradguard", "check", "--no-jedi", *args],
        capture_output=True,
        text=True,
    )


def test_unreadable_file_is_not_a_pass(tmp_path: Path) -> None:
    f = tmp_path / "train.py"
    shutil.copy(EXAMPLE, f)
    f.chmod(0)
    out = run_without_root_powers(str(f))
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"{f}: error: not checked: cannot read: Permission denied" in out.stdout
    assert "All checks passed" not in out.stdout
    assert "1 file could not be checked." in out.stdout


def test_unreadable_directory_is_named_and_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("x = 1\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(EXAMPLE, locked / "train.py")
    locked.chmod(0)
    try:
        out = run_without_root_powers(str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"{locked}: error: not checked: cannot read directory: Permission denied" in out.stdout


def test_broken_notebook_is_not_a_pass(tmp_path: Path) -> None:
    nb = tmp_path / "broken.ipynb"
    nb.write_text("{ not json")
    out = run(str(nb))
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"{nb}: error: not checked: not a Jupyter notebook" in out.stdout
    doc = json.loads(run("--format", "json", str(nb)).stdout)
    [error] = doc["errors"]
    assert error["path"] == str(nb) and error["checked"] is False
    assert error["message"].startswith("not a Jupyter notebook")


def test_symlink_loop_argument_is_named_not_an_internal_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.py"
    loop.symlink_to(loop)
    out = run(str(loop))
    assert out.returncode == 2, out.stdout + out.stderr
    assert "internal error" not in out.stdout + out.stderr
    assert f"{loop}: error: not checked: cannot read: symbolic link loop" in out.stdout
    # the same loop met while walking a directory, next to a file that is checked
    shutil.copy(EXAMPLE, tmp_path / "train.py")
    walked = run(str(tmp_path))
    assert walked.returncode == 2
    assert "train.py:19:9: GG002" in walked.stdout
    assert f"{loop}: error: not checked: cannot read: symbolic link loop" in walked.stdout


def test_nul_bytes_are_not_python(tmp_path: Path) -> None:
    f = tmp_path / "blob.py"
    f.write_bytes(b"import torch\x00\x01\x02")
    out = run(str(f))
    assert out.returncode == 2
    assert f"{f}: error: not checked: contains NUL bytes" in out.stdout


def test_size_limit_is_a_setting_and_a_larger_file_is_not_a_pass(tmp_path: Path) -> None:
    f = tmp_path / "train.py"
    f.write_text(HAZARD + "# padding\n" * 200)
    size = f.stat().st_size
    out = run("--max-file-size", "1k", str(f))
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"{f}: error: not checked: file too large ({size:,} bytes; the limit is 1,000" in (
        out.stdout
    )
    (tmp_path / "pyproject.toml").write_text('[tool.gradguard]\nmax_file_size = "2KB"\n')
    configured = run(str(f))
    assert configured.returncode == 2 and "the limit is 2,000" in configured.stdout
    raised = run("--max-file-size", "1MB", str(f))  # the flag wins over pyproject.toml
    assert raised.returncode == 1 and "train.py:4:1: GG002" in raised.stdout
    assert run("--max-file-size", "lots", str(f)).returncode == 2  # a usage error


def test_file_too_long_to_analyse_whole_is_checked_from_its_beginning(tmp_path: Path) -> None:
    """22 MB (the size the probe used; the old limit skipped anything over 10 MB) with a
    certain GG002 on line 4: found, and the note says which lines were analysed."""
    f = tmp_path / "generated.py"
    with f.open("w") as out:
        out.write(HAZARD)
        i = 0
        while out.tell() < 22_000_000:
            out.write(f"value_{i} = [{i}, {i + 1}, {i + 2}]\n")
            i += 1
    result = run(str(f))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{f}:4:1: GG002 [error]" in result.stdout
    assert f"{f}: note: longer than the analysis reads: lines 1-" in result.stdout
    assert "All checks passed" not in result.stdout


def test_analysable_prefix_stops_at_a_top_level_statement() -> None:
    source = "import torch\n@decorate\ndef f():\n    return 1\nx = f()\n"
    assert analysable_prefix(source, limit=len(source)) == source
    # the limit falls inside the function: keep what precedes its decorator
    assert analysable_prefix(source, limit=source.index("return")) == "import torch\n"
    assert analysable_prefix("    x = 1\n" * 10, limit=20) is None


def test_parse_size() -> None:
    assert parse_size(1234) == 1234
    assert parse_size("500k") == 500_000
    assert parse_size("50MB") == 50_000_000
    assert parse_size(" 1 G ") == 1_000_000_000
    assert DEFAULT_MAX_FILE_SIZE >= 50_000_000
    for bad in ("", "1.5M", "-3", "lots", True):
        with pytest.raises(ValueError):
            parse_size(bad)
