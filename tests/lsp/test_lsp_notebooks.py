"""Notebook documents: code cells analysed together in order, diagnostics per cell URI, stale
cells cleared, fixes spanning cells, notebook fix-all, IPython magics, and
`vscode-notebook-cell:` documents opened without notebook sync."""

from __future__ import annotations

import re

import pytest
from lsp_client import RecordingClient
from lsp_helpers import apply_edits, document_edits
from lsprotocol import types

pytestmark = pytest.mark.asyncio

NOTEBOOK = "file:///tmp/gg_notebooks/train.ipynb"
CELLS = [
    "import torch\nx = torch.randn(3, requires_grad=True)\ny = torch.sigmoid(x)",
    "# Now the mistake",  # a markdown cell
    "%matplotlib inline\ny.mul_(2)\n",
    "!echo training\ny.sum().backward()",
]


def cell_uri(index: int) -> str:
    return f"vscode-notebook-cell:/tmp/gg_notebooks/train.ipynb#W{index}sZmlsZQ%3D%3D"


def _cell(index: int, kind: types.NotebookCellKind) -> types.NotebookCell:
    return types.NotebookCell(kind=kind, document=cell_uri(index))


def _kind(index: int) -> types.NotebookCellKind:
    return types.NotebookCellKind.Markup if index == 1 else types.NotebookCellKind.Code


def _item(index: int, text: str, version: int = 1) -> types.TextDocumentItem:
    language = "markdown" if index == 1 else "python"
    return types.TextDocumentItem(
        uri=cell_uri(index), language_id=language, version=version, text=text
    )


def open_notebook(client: RecordingClient, cells: list[str], notebook_type: str) -> None:
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=NOTEBOOK,
                notebook_type=notebook_type,
                version=1,
                cells=[_cell(i, _kind(i)) for i in range(len(cells))],
            ),
            cell_text_documents=[_item(i, text) for i, text in enumerate(cells)],
        )
    )


def change_cell_text(client: RecordingClient, index: int, version: int, text: str) -> None:
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(
                version=version, uri=NOTEBOOK
            ),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    text_content=[
                        types.NotebookDocumentCellContentChanges(
                            document=types.VersionedTextDocumentIdentifier(
                                uri=cell_uri(index), version=version
                            ),
                            changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                        )
                    ]
                )
            ),
        )
    )


@pytest.mark.parametrize("notebook_type", ["jupyter-notebook", "interactive"])
async def test_tensor_from_cell_1_modified_in_cell_3(
    client: RecordingClient, notebook_type: str
) -> None:
    open_notebook(client, CELLS, notebook_type)
    third = await client.wait_for_diagnostics(cell_uri(2))
    (diagnostic,) = third.diagnostics
    assert diagnostic.code == "GG002" and diagnostic.range.start.line == 1
    saver = [r for r in diagnostic.related_information or [] if "saved" in r.message]
    assert saver[0].location.uri == cell_uri(0) and saver[0].location.range.start.line == 2
    for other in (0, 3):
        assert not (await client.wait_for_diagnostics(cell_uri(other))).diagnostics
    assert all(p.uri != cell_uri(1) for p in client.published)  # markdown gets nothing


async def test_messages_name_cells_and_lines(client: RecordingClient) -> None:
    """The lines a message names are the user's (cell, line in it), not the joined program's
    (the saving op is line 3 of cell 1, the backward line 7 of the joined cells)."""
    open_notebook(client, CELLS, "jupyter-notebook")
    (diagnostic,) = (await client.wait_for_diagnostics(cell_uri(2))).diagnostics
    assert "the output of `sigmoid` (cell 1, line 3)" in diagnostic.message, diagnostic.message
    assert "the backward at cell 4, line 2 raises" in diagnostic.message, diagnostic.message
    related = {
        (r.location.uri, r.location.range.start.line, r.message)
        for r in diagnostic.related_information or []
    }
    assert related == {
        (cell_uri(0), 2, "`sigmoid` saved its output for backward here"),
        (cell_uri(3), 1, "backward here fails"),
    }
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=cell_uri(2)),
            position=types.Position(line=1, character=2),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "at cell 1, line 3" in hover.contents.value
    for text in (diagnostic.message, hover.contents.value):
        assert not re.search(r"\bline [67]\b", text), text  # the joined program's lines


async def test_editing_a_cell_clears_its_diagnostics(client: RecordingClient) -> None:
    open_notebook(client, CELLS, "jupyter-notebook")
    await client.wait_for_diagnostics(cell_uri(2))
    change_cell_text(client, 2, 2, "y = y * 2\n")
    assert not (await client.wait_for_diagnostics(cell_uri(2), version=2)).diagnostics


async def test_deleted_cell_is_cleared_and_new_cell_analysed(client: RecordingClient) -> None:
    open_notebook(client, CELLS, "jupyter-notebook")
    await client.wait_for_diagnostics(cell_uri(2))
    count = len(client.published)
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(version=2, uri=NOTEBOOK),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    structure=types.NotebookDocumentCellChangeStructure(
                        array=types.NotebookCellArrayChange(
                            start=2, delete_count=1, cells=[_cell(9, types.NotebookCellKind.Code)]
                        ),
                        did_open=[_item(9, "y.add_(1)\n")],
                        did_close=[types.TextDocumentIdentifier(uri=cell_uri(2))],
                    )
                )
            ),
        )
    )
    assert not (await client.wait_for_diagnostics(cell_uri(2), after=count)).diagnostics
    new_cell = await client.wait_for_diagnostics(cell_uri(9), after=count)
    assert [d.code for d in new_cell.diagnostics] == ["GG002"]


async def test_fix_in_another_cell_and_notebook_fix_all(client: RecordingClient) -> None:
    open_notebook(client, CELLS, "jupyter-notebook")
    (diagnostic,) = (await client.wait_for_diagnostics(cell_uri(2))).diagnostics
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=cell_uri(2)),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    by_title = {a.title: a for a in actions or [] if isinstance(a, types.CodeAction)}
    clone = by_title["Clone the output of `sigmoid`"]
    version, edits = document_edits(clone, cell_uri(0))
    assert version == 1 and "torch.sigmoid(x).clone()" in apply_edits(CELLS[0], edits)

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=cell_uri(0)),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.Notebook]),
        )
    )
    (fix_all,) = [a for a in actions or [] if isinstance(a, types.CodeAction)]
    assert fix_all.kind == "notebook.source.fixAll.gradguard"
    version, edits = document_edits(fix_all, cell_uri(2))
    assert version == 1
    change_cell_text(client, 2, 2, apply_edits(CELLS[2], edits))
    assert not (await client.wait_for_diagnostics(cell_uri(2), version=2)).diagnostics


async def test_cell_fix_all_stays_inside_the_cell(client: RecordingClient) -> None:
    open_notebook(client, CELLS, "jupyter-notebook")
    await client.wait_for_diagnostics(cell_uri(2))
    for index, expected in ((0, 0), (2, 1)):
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=cell_uri(index)),
                range=types.Range(
                    start=types.Position(line=0, character=0),
                    end=types.Position(line=0, character=0),
                ),
                context=types.CodeActionContext(
                    diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
                ),
            )
        )
        assert len(actions or []) == expected


async def test_closing_the_notebook_clears_every_cell(client: RecordingClient) -> None:
    open_notebook(client, CELLS, "jupyter-notebook")
    await client.wait_for_diagnostics(cell_uri(2))
    count = len(client.published)
    client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=NOTEBOOK),
            cell_text_documents=[types.TextDocumentIdentifier(uri=cell_uri(i)) for i in range(4)],
        )
    )
    assert not (await client.wait_for_diagnostics(cell_uri(2), after=count)).diagnostics


async def test_cell_opened_as_a_plain_text_document(client: RecordingClient) -> None:
    """A client without notebook sync sends each cell as its own text document."""
    uri = cell_uri(5)
    source = "import torch\n%time x = 1\nw = torch.ones(2, requires_grad=True)\nw.add_(1)\n"
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=_item(5, source)))
    params = await client.wait_for_diagnostics(uri)
    assert [(d.code, d.range.start.line) for d in params.diagnostics] == [("GG001", 3)]


async def test_hover_names_the_cell_of_the_saving_op(client: RecordingClient) -> None:
    open_notebook(client, CELLS, "jupyter-notebook")
    await client.wait_for_diagnostics(cell_uri(2))
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=cell_uri(2)),
            position=types.Position(line=1, character=2),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "`torch.sigmoid(x)` at cell 1, line 3" in hover.contents.value
