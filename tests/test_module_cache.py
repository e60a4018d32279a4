"""Imported modules kept from one analysis to the next (analysis/module_cache.py): reused
while nothing they read changed, rerun when a module's text (or a module it read) changes,
and a registry extended by one analysis is put back before the next reuses it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from gradguard.analysis import check_source
from gradguard.analysis.module_cache import module_cache
from gradguard.project import loader_for

PROJECTS = Path(__file__).parent / "projects"

MODEL = """\
import torch
import torch.nn as nn
from layers import head


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return head(self.fc(x))
"""
LAYERS_SAVING = "import torch\n\n\ndef head(x):\n    return torch.sigmoid(x)\n"
LAYERS_PLAIN = "import torch\n\n\ndef head(x):\n    return x * 2\n"
TRAIN = """\
import torch
from models import Net

out = Net()(torch.randn(2, 4))
out += 1
out.sum().backward()
"""


def _check(path: Path) -> list[tuple[str, int, str]]:
    report = check_source(path.read_text(), str(path), modules=loader_for(path))
    return [(Path(f.path).name if f.path else "", f.line, f.code) for f in report.findings]


def _write(path: Path, text: str) -> None:
    """Write and move the modification time on, as an editor saving a file would."""
    path.write_text(text)
    later = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(later, later))


def test_kept_modules_are_reused_and_rerun_when_a_module_they_read_changes(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "models.py").write_text(MODEL)
    layers = tmp_path / "layers.py"
    layers.write_text(LAYERS_SAVING)
    train = tmp_path / "train.py"
    train.write_text(TRAIN)
    cache = module_cache()
    first = _check(train)
    assert first == [("", 5, "GG002")]
    hits = cache.hits
    assert _check(train) == first
    assert cache.hits > hits, "the second analysis should reuse the kept modules"
    _write(layers, LAYERS_PLAIN)  # models.py read it: both run again
    assert _check(train) == []
    _write(layers, LAYERS_SAVING)
    assert _check(train) == first


def test_a_registry_extended_by_an_analysis_is_restored_before_reuse() -> None:
    root = PROJECTS / "registry_factory" / "decorator_registry_tanh"
    entry = root / "train.py"
    outcomes = [_check(entry) for _ in range(3)]
    assert outcomes[0] == [("", 14, "GG002")]
    assert outcomes[1] == outcomes[0] and outcomes[2] == outcomes[0]
    twin = PROJECTS / "registry_factory" / "decorator_registry_out_of_place" / "train.py"
    assert _check(twin) == [] and _check(entry) == outcomes[0]


def test_a_module_reading_a_namespace_package_is_kept_and_reused(tmp_path: Path) -> None:
    """`helpers/` without `__init__.py` is a namespace package: it has no text to keep, and a
    module that imports through it is still reused by the next analysis (a run over
    pytorch/rl once skipped statements with a KeyError for such a package)."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "helpers").mkdir()
    (tmp_path / "helpers" / "layers.py").write_text(LAYERS_SAVING)
    (tmp_path / "models.py").write_text(
        MODEL.replace("from layers import", "from helpers.layers import")
    )
    train = tmp_path / "train.py"
    train.write_text(TRAIN)
    cache = module_cache()
    first = check_source(train.read_text(), str(train), modules=loader_for(train))
    assert [(f.line, f.code) for f in first.findings] == [(5, "GG002")]
    misses = cache.misses
    second = check_source(train.read_text(), str(train), modules=loader_for(train))
    assert [(f.line, f.code) for f in second.findings] == [(5, "GG002")]
    assert not second.problems
    assert cache.misses == misses, "no module should run again: none changed"
