"""Module resolution as Python would do it in script mode (never running anything), and the
workspace import index the editor uses to find a module's importers."""

from __future__ import annotations

import os
from pathlib import Path

from gradguard.project import find_project_root, loader_for
from gradguard.project.index import WorkspaceIndex, import_statements


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _found(root: Path, importer: str, name: str, level: int = 0) -> str | None:
    entry = root / importer
    ref = loader_for(entry).find(str(entry), name, level)
    if ref is None:
        return None
    if ref.path is None:
        return "namespace:" + ",".join(os.path.relpath(d, root) for d in ref.dirs)
    return os.path.relpath(ref.path, root)


def test_script_dir_root_src_packages_and_relative_imports(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "pyproject.toml": "[tool.gradguard]\nsrc = ['lib']\n",
            "train.py": "",
            "utils.py": "",
            "scripts/run.py": "",
            "scripts/helpers.py": "",
            "models/__init__.py": "from .unet import UNet\n",
            "models/unet.py": "",
            "models/blocks/conv.py": "",
            "src/mypkg/__init__.py": "",
            "src/mypkg/ops.py": "",
            "lib/extra.py": "",
            "typing.py": "",
        },
    )
    assert find_project_root(tmp_path / "scripts" / "run.py") == tmp_path
    assert _found(tmp_path, "train.py", "utils") == "utils.py"
    assert _found(tmp_path, "train.py", "models") == os.path.join("models", "__init__.py")
    assert _found(tmp_path, "train.py", "models.unet") == os.path.join("models", "unet.py")
    # a directory without __init__.py is a namespace package
    assert _found(tmp_path, "train.py", "models.blocks") == "namespace:" + os.path.join(
        "models", "blocks"
    )
    assert _found(tmp_path, "train.py", "models.blocks.conv") == os.path.join(
        "models", "blocks", "conv.py"
    )
    assert _found(tmp_path, "train.py", "mypkg.ops") == os.path.join("src", "mypkg", "ops.py")
    assert _found(tmp_path, "train.py", "extra") == os.path.join("lib", "extra.py")
    # script mode: the script's own directory first; the project root is searched too
    assert _found(tmp_path, "scripts/run.py", "helpers") == os.path.join("scripts", "helpers.py")
    assert _found(tmp_path, "scripts/run.py", "utils") == "utils.py"
    # relative imports resolve against the importing file's package
    assert _found(tmp_path, "models/unet.py", "", 1) == os.path.join("models", "__init__.py")
    assert _found(tmp_path, "models/blocks/conv.py", "unet", 2) == os.path.join("models", "unet.py")
    # outside the project: torch, the standard library (unless the script's own directory
    # shadows it, as Python would), missing modules
    assert _found(tmp_path, "train.py", "torch") is None
    assert _found(tmp_path, "train.py", "typing") == "typing.py"
    assert _found(tmp_path, "models/unet.py", "typing") is None
    assert _found(tmp_path, "train.py", "nowhere") is None


def test_import_statements_are_read_without_parsing() -> None:
    text = (
        "import torch, models.unet as mu\n"
        "from . import utils\n"
        "from ..common.ops import (scale_,\n    shift_)\n"
        "    from models import *  # nested\n"
    )
    assert import_statements(text) == [
        ("torch", 0, []),
        ("models.unet", 0, []),
        ("", 1, ["utils"]),
        ("common.ops", 2, ["scale_", "shift_"]),
        ("models", 0, ["*"]),
    ]


def test_workspace_index_finds_importers_transitively(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "pyproject.toml": "",
            "utils.py": "def f(x):\n    return x\n",
            "models/__init__.py": "from .net import Net\n",
            "models/net.py": "from utils import f\n",
            "train.py": "from models import Net\n",
            "other.py": "import torch\n",
            ".venv/lib/site.py": "import utils\n",
        },
    )
    index = WorkspaceIndex(tmp_path).build()
    importers = [
        os.path.relpath(p, tmp_path) for p in index.importers_of(str(tmp_path / "utils.py"))
    ]
    assert importers[0] == os.path.join("models", "net.py")
    assert set(importers) == {
        os.path.join("models", "net.py"),
        os.path.join("models", "__init__.py"),
        "train.py",
    }
    assert not index.truncated and index.files == 5  # the virtual environment is skipped
    small = WorkspaceIndex(tmp_path, max_files=2).build()
    assert small.truncated and small.files == 2
