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


REGISTRY_PY = """\
REGISTRY = {}


def register(name):
    def deco(cls):
        REGISTRY[name] = cls
        return cls

    return deco
"""
BLOCK_PY = """\
import torch
from torch import nn

from registry import register


@register("head")
class Tanh(nn.Module):
    def forward(self, x):
        return torch.tanh(x)


@register("plain")
class Plain(nn.Module):
    def forward(self, x):
        return x * 2
"""
# registers "head" again: Python's dict keeps the later class under the key
OVERRIDE_PY = """\
from torch import nn

import block
from registry import register


@register("head")
class Double(nn.Module):
    def forward(self, x):
        return x * 2
"""
USE_PY = """\
import torch

import override
from registry import REGISTRY

x = torch.randn(3, requires_grad=True) * 1
out = REGISTRY["{name}"]()(x)
out += 1
out.sum().backward()
"""


def test_registrations_replayed_on_reuse_keep_program_order(tmp_path: Path) -> None:
    """Kept modules that registered into another module's dict replay their registrations
    when reused, in the order the code made them: the later `@register("head")` wins, on the
    first analysis and on every reuse (the runs under torch agree)."""
    import subprocess
    import sys

    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "registry.py").write_text(REGISTRY_PY)
    (tmp_path / "block.py").write_text(BLOCK_PY)
    (tmp_path / "override.py").write_text(OVERRIDE_PY)
    head = tmp_path / "use_head.py"
    head.write_text(USE_PY.format(name="head"))
    plain = tmp_path / "use_plain.py"
    plain.write_text(USE_PY.format(name="plain"))
    for entry in (head, plain):
        run = subprocess.run([sys.executable, str(entry)], capture_output=True, cwd=tmp_path)
        assert run.returncode == 0, run.stderr.decode()  # torch: neither saved `out`
    cache = module_cache()
    misses = cache.misses
    assert _check(head) == []
    assert cache.misses > misses
    hits = cache.hits
    assert [_check(head), _check(plain), _check(head)] == [[], [], []]
    assert cache.hits > hits, "the later analyses should reuse the kept modules"
    (tmp_path / "override.py").write_text("import block\n")
    os.utime(tmp_path / "override.py", ns=(time.time_ns() + 2_000_000_000,) * 2)
    head.write_text(USE_PY.format(name="head"))
    run = subprocess.run([sys.executable, str(head)], capture_output=True, cwd=tmp_path)
    assert b"modified by an inplace operation" in run.stderr  # tanh saved its output
    assert _check(head) == [("", 8, "GG002")]
    assert _check(head) == [("", 8, "GG002")]


TABLES_PY = """\
import torch


def make_table():
    return torch.ones(4)


TABLE = make_table()
"""


def test_a_module_allocating_a_tensor_at_its_top_level_is_kept_and_reused(
    tmp_path: Path,
) -> None:
    """A module-level tensor (`TABLE = make_table()`) is not an effect that bars keeping the
    module: its allocation sites are kept with it. Once it was: diffusers' root package read
    such a module deep down, was never kept, and every file of the repository ran its ~1,000
    modules again. Outcomes checked under torch 2.13: the in-place add on TABLE after `x *
    TABLE` saved it raises "modified by an inplace operation"; on a fresh table it runs."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "tables.py").write_text(TABLES_PY)
    raising = tmp_path / "train.py"
    raising.write_text(
        "import torch\nfrom tables import TABLE\n\n"
        "x = torch.randn(4, requires_grad=True)\ny = x * TABLE\nTABLE.add_(1)\n"
        "y.sum().backward()\n"
    )
    clean = tmp_path / "clean.py"
    clean.write_text(
        "import torch\nfrom tables import TABLE, make_table\n\n"
        "x = torch.randn(4, requires_grad=True)\ny = x * TABLE\nfresh = make_table()\n"
        "fresh.add_(1)\ny.sum().backward()\n"
    )
    cache = module_cache()
    assert _check(raising) == [("", 6, "GG002")]
    misses = cache.misses
    assert _check(clean) == []
    assert _check(raising) == [("", 6, "GG002")]
    assert cache.misses == misses, "tables.py should be kept and reused, not run again"


ACTIVATIONS_PY = """\
import torch

_ACTS = {}


def reset():
    _ACTS["default"] = torch.tanh
    _ACTS["plain"] = torch.abs


reset()
"""


def test_a_module_filling_its_own_dict_at_its_top_level_is_kept_with_it(
    tmp_path: Path,
) -> None:
    """A top level that fills its own module-level dict through a function (fairseq's
    `metrics.reset()` at import) is kept: the dict is among its globals as the top level left
    them. Once such a module was run again for every file, and with it every module that
    imported it (fairseq's root package: 342 runs over the repository instead of 2).
    Outcomes checked under torch 2.13: tanh saves its output, so the in-place add on it
    raises "modified by an inplace operation"; abs saves its input, not its output, and runs."""
    import subprocess
    import sys

    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "acts.py").write_text(ACTIVATIONS_PY)
    use = (
        "import torch\nimport acts\n\n"
        'x = torch.randn(4, requires_grad=True)\nout = acts._ACTS["{name}"](x)\nout += 1\n'
        "out.sum().backward()\n"
    )
    raising = tmp_path / "train.py"
    raising.write_text(use.format(name="default"))
    clean = tmp_path / "clean.py"
    clean.write_text(use.format(name="plain"))
    run = subprocess.run([sys.executable, str(raising)], capture_output=True, cwd=tmp_path)
    assert b"modified by an inplace operation" in run.stderr
    run = subprocess.run([sys.executable, str(clean)], capture_output=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode()
    cache = module_cache()
    assert _check(raising) == [("", 6, "GG002")]
    misses = cache.misses
    assert _check(clean) == []
    assert _check(raising) == [("", 6, "GG002")]
    assert cache.misses == misses, "acts.py should be kept and reused, not run again"
