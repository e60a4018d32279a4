"""Project-wide analysis in the editor: a finding reached through another module is published
to the document it is located in, related information points across files, the unsaved text
of an open dependency is used over the disk's, dependents are analysed again when a module
changes in the editor or on disk."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsp_client import RecordingClient, capabilities, make_client
from lsp_helpers import codes, file_uri, open_text, replace_all
from lsprotocol import types
from pytest_lsp import ClientServerConfig

SERVER_COMMAND = [sys.executable, "-m", "gradguard", "server"]

pytestmark = pytest.mark.asyncio

MODEL = """\
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))
"""
SAFE_MODEL = MODEL.replace("torch.sigmoid(self.fc(x))", "self.fc(x)")
UTILS = """\
def normalize_(x):
    x -= x.mean()
    return x
"""
SAFE_UTILS = """\
def normalize_(x):
    return x - x.mean()
"""
TRAIN = """\
import torch
from models import Net
from utils import normalize_

net = Net()
out = net(torch.randn(2, 4))
normalize_(out)
out.sum().backward()
"""
TRAIN_OWN = """\
import torch
from models import Net

net = Net()
out = net(torch.randn(2, 4))
out += 1
out.sum().backward()
"""


def _project(tmp_path: Path, utils: str = UTILS, model: str = MODEL) -> dict[str, Path]:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    files = {"models": model, "utils": utils, "train": TRAIN, "train_own": TRAIN_OWN}
    out = {}
    for name, text in files.items():
        path = tmp_path / f"{name}.py"
        path.write_text(text)
        out[name] = path
    return out


async def _wait_for(client: RecordingClient, uri: str, want: list[tuple[int, str]]) -> None:
    """Until the document's latest diagnostics are `want` (codes at 1-based lines)."""
    after = 0
    for _ in range(20):
        params = await client.wait_for_diagnostics(uri, after=after)
        after = client.published.index(params) + 1
        latest = [p for p in client.published if p.uri == uri][-1]
        if codes(latest) == want:
            return
    raise AssertionError(f"{uri}: never {want}; last {codes(latest)}")


async def test_finding_in_open_module_caused_by_another_file(
    client: RecordingClient, tmp_path: Path
) -> None:
    files = _project(tmp_path)
    utils_uri, train_uri = file_uri(files["utils"]), file_uri(files["train"])
    open_text(client, utils_uri, UTILS)
    assert not (await client.wait_for_diagnostics(utils_uri)).diagnostics  # alone: no caller
    open_text(client, train_uri, TRAIN)
    await client.wait_for_diagnostics(train_uri)
    await _wait_for(client, utils_uri, [(2, "GG002")])
    latest = [p for p in client.published if p.uri == utils_uri][-1]
    (diagnostic,) = latest.diagnostics
    places = {
        (Path(types_uri_path(r.location.uri)).name, r.location.range.start.line + 1)
        for r in diagnostic.related_information or []
    }
    assert ("models.py", 11) in places and ("train.py", 8) in places, places
    assert "line 11 of `models.py`" in diagnostic.message
    # the fix edits the file the finding is in (the caller sees the change: no rewrite offered)
    fixes = diagnostic.data["fixes"]
    assert fixes and all(
        change["uri"] in (utils_uri, file_uri(files["models"]))
        for fix in fixes
        for change in fix["changes"]
    )
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=utils_uri),
            position=types.Position(line=1, character=6),
        )
    )
    assert (
        hover is not None and "GG002" in str(hover.contents) and "train.py" in str(hover.contents)
    )
    # "Disable GG002 for this line" edits utils.py, where the analysis reads suppressions
    [suppress] = diagnostic.data["suppress"]["changes"]
    assert suppress["uri"] == utils_uri and suppress["edits"][0]["range"]["start"]["line"] == 1
    assert "gradguard: ignore[GG002]" in suppress["edits"][0]["newText"]


async def test_related_information_points_into_the_model_file(
    client: RecordingClient, tmp_path: Path
) -> None:
    files = _project(tmp_path)
    uri = file_uri(files["train_own"])
    open_text(client, uri, TRAIN_OWN)
    params = await client.wait_for_diagnostics(uri)
    assert codes(params) == [(6, "GG002")]
    related = params.diagnostics[0].related_information or []
    saver = [r for r in related if "saved" in r.message]
    assert saver[0].location.uri == file_uri(files["models"])
    assert saver[0].location.range.start.line == 10
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=5, character=1),
        )
    )
    assert hover is not None
    text = str(hover.contents)
    assert "torch.sigmoid(self.fc(x))" in text and "line 11 of models.py" in text, text


async def test_unsaved_dependency_text_is_used_and_edits_reanalyse_dependents(
    client: RecordingClient, tmp_path: Path
) -> None:
    files = _project(tmp_path, utils=SAFE_UTILS)  # the disk says safe
    utils_uri, train_uri = file_uri(files["utils"]), file_uri(files["train"])
    open_text(client, train_uri, TRAIN)
    await client.wait_for_diagnostics(train_uri)
    open_text(client, utils_uri, UTILS)  # the editor's unsaved text is not
    await _wait_for(client, utils_uri, [(2, "GG002")])
    replace_all(client, utils_uri, 2, SAFE_UTILS)  # typed back to safe: train.py runs again
    await _wait_for(client, utils_uri, [])


async def test_watched_file_change_reanalyses_importers(
    client: RecordingClient, tmp_path: Path
) -> None:
    files = _project(tmp_path)
    uri = file_uri(files["train_own"])
    open_text(client, uri, TRAIN_OWN)
    assert codes(await client.wait_for_diagnostics(uri)) == [(6, "GG002")]
    files["models"].write_text(SAFE_MODEL)  # e.g. a `git checkout` outside the editor
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=file_uri(files["models"]), type=types.FileChangeType.Changed)
            ]
        )
    )
    await _wait_for(client, uri, [])


def types_uri_path(uri: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(uri).path)


@pytest_lsp.fixture(config=ClientServerConfig(SERVER_COMMAND, client_factory=make_client))
async def indexed_client(lsp_client: RecordingClient) -> AsyncIterator[None]:
    """A session opened on a workspace folder (a project on disk), so the server indexes it."""
    root = Path(tempfile.mkdtemp(prefix="gg_index_"))
    _project(root)
    lsp_client.workspace_root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(None),
            initialization_options={"jedi": False},
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="demo")],
        )
    )
    yield
    await lsp_client.shutdown_session()
    shutil.rmtree(root, ignore_errors=True)


async def test_opening_a_helper_shows_what_an_unopened_caller_does(
    indexed_client: RecordingClient,
) -> None:
    client = indexed_client
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    utils_uri = file_uri(root / "utils.py")
    open_text(client, utils_uri, UTILS)  # train.py, which calls it unsafely, is not open
    await _wait_for(client, utils_uri, [(2, "GG002")])
    latest = [p for p in client.published if p.uri == utils_uri][-1]
    related = latest.diagnostics[0].related_information or []
    assert any(r.location.uri == file_uri(root / "train.py") for r in related)
    replace_all(client, utils_uri, 2, SAFE_UTILS)  # made safe: train.py's analysis runs again
    await _wait_for(client, utils_uri, [])


async def test_notebook_cells_follow_the_project_modules(
    client: RecordingClient, tmp_path: Path
) -> None:
    """A notebook in the project imports its modules like a kernel started in its folder."""
    files = _project(tmp_path)
    notebook = (tmp_path / "explore.ipynb").as_uri()
    cells = [
        "import torch\nfrom models import Net",
        "out = Net()(torch.randn(2, 4))\nout += 1",
        "out.sum().backward()",
    ]
    cell_uris = [
        f"vscode-notebook-cell:{tmp_path}/explore.ipynb#W{i}sZmlsZQ%3D%3D" for i in range(3)
    ]
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=notebook,
                notebook_type="jupyter-notebook",
                version=1,
                cells=[
                    types.NotebookCell(kind=types.NotebookCellKind.Code, document=uri)
                    for uri in cell_uris
                ],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
                for uri, text in zip(cell_uris, cells, strict=True)
            ],
        )
    )
    params = await client.wait_for_diagnostics(cell_uris[1])
    assert [(d.range.start.line, d.code) for d in params.diagnostics] == [(1, "GG002")]
    related = params.diagnostics[0].related_information or []
    assert any(r.location.uri == file_uri(files["models"]) for r in related)
