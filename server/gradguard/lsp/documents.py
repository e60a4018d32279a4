"""The open documents: Python text documents and notebooks, and what each analysis unit is.

An analysis unit is either one Python text document (key: its URI) or one notebook (key: the
notebook's URI, its Python code cells analysed together). `vscode-notebook-cell:` documents
opened as plain text documents (a client without notebook sync) are single-cell units whose
configuration is looked up from the notebook's path. Everything here is tolerant: changes for
documents that are not open are ignored and reported as `None`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from lsprotocol import types

from ..notebook_cells import cell_line_count, join_cells
from ..uris import uri_to_path
from .notebook import NotebookModel
from .positions import Encoding, split_lines
from .snapshot import BOM, Segment, Snapshot
from .textdoc import TextDocument

PYTHON_SUFFIXES = (".py", ".pyi", ".pyw", ".ipy")
NOTEBOOK_CELL_SCHEME = "vscode-notebook-cell"


def is_python(language_id: str | None, uri: str) -> bool:
    if language_id:
        return language_id.lower() == "python"
    return urlsplit(uri).path.endswith(PYTHON_SUFFIXES)


def fs_path_of(uri: str) -> Path | None:
    """File system path of a `file:` URI, or of the notebook holding a `vscode-notebook-cell:`."""
    path = uri_to_path(uri)
    return Path(path) if path else None


class DocumentStore:
    def __init__(self) -> None:
        self.texts: dict[str, TextDocument] = {}  # Python files and notebook cells
        self.notebooks: dict[str, NotebookModel] = {}
        self.cell_owner: dict[str, str] = {}  # cell URI -> notebook URI

    # -- text documents

    def open_text(self, item: types.TextDocumentItem) -> str | None:
        if item.uri in self.cell_owner or not is_python(item.language_id, item.uri):
            return None
        self.texts[item.uri] = TextDocument(item.uri, item.language_id, item.version, item.text)
        return item.uri

    def change_text(
        self,
        document: types.VersionedTextDocumentIdentifier,
        changes: Sequence[types.TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> str | None:
        text = self.texts.get(document.uri)
        if text is None:
            return None
        for change in changes:
            text.apply_change(change, encoding)
        text.version = document.version
        return self.key_of(document.uri)

    def close_text(self, uri: str) -> str | None:
        if uri in self.cell_owner:
            return None  # cells close with their notebook
        return uri if self.texts.pop(uri, None) is not None else None

    # -- notebooks

    def open_notebook(self, params: types.DidOpenNotebookDocumentParams) -> str:
        notebook = params.notebook_document
        self.close_notebook(notebook.uri)
        self.notebooks[notebook.uri] = NotebookModel(
            notebook.uri, notebook.notebook_type, notebook.version, list(notebook.cells)
        )
        for item in params.cell_text_documents:
            self._open_cell(notebook.uri, item)
        return notebook.uri

    def change_notebook(
        self, params: types.DidChangeNotebookDocumentParams, encoding: Encoding
    ) -> str | None:
        notebook = self.notebooks.get(params.notebook_document.uri)
        if notebook is None:
            return None
        notebook.version = params.notebook_document.version
        cells = params.change.cells
        if cells is None:
            return notebook.uri
        if cells.structure is not None:
            notebook.splice(cells.structure.array)
            for closed in cells.structure.did_close or []:
                self.texts.pop(closed.uri, None)
                self.cell_owner.pop(closed.uri, None)
            for item in cells.structure.did_open or []:
                self._open_cell(notebook.uri, item)
        if cells.data:
            notebook.update_cells(cells.data)
        for content in cells.text_content or []:
            text = self.texts.get(content.document.uri)
            if text is None or self.cell_owner.get(content.document.uri) != notebook.uri:
                continue
            for change in content.changes:
                text.apply_change(change, encoding)
            text.version = content.document.version
        return notebook.uri

    def close_notebook(self, uri: str) -> list[str]:
        """Forget a notebook; returns the URIs of its cells."""
        notebook = self.notebooks.pop(uri, None)
        if notebook is None:
            return []
        cell_uris = [uri for uri, owner in self.cell_owner.items() if owner == notebook.uri]
        for cell_uri in cell_uris:
            self.cell_owner.pop(cell_uri, None)
            self.texts.pop(cell_uri, None)
        return cell_uris

    def _open_cell(self, notebook_uri: str, item: types.TextDocumentItem) -> None:
        self.texts.pop(item.uri, None)  # it may have been open as a plain text document
        self.texts[item.uri] = TextDocument(item.uri, item.language_id, item.version, item.text)
        self.cell_owner[item.uri] = notebook_uri

    # -- analysis units

    def key_of(self, uri: str) -> str | None:
        """The analysis unit a document belongs to (None when it is not open)."""
        if uri in self.cell_owner:
            return self.cell_owner[uri]
        if uri in self.notebooks or uri in self.texts:
            return uri
        return None

    def keys(self) -> list[str]:
        return [*self.notebooks, *(uri for uri in self.texts if uri not in self.cell_owner)]

    def text_of(self, uri: str) -> TextDocument | None:
        return self.texts.get(uri)

    def state(self, key: str) -> Hashable | None:
        """Changes whenever the unit's text does; None when the unit is not open."""
        notebook = self.notebooks.get(key)
        if notebook is not None:
            return self._notebook_state(notebook, self._code_cells(notebook))
        text = self.texts.get(key)
        return None if text is None else text.revision

    def snapshot(self, key: str) -> Snapshot | None:
        notebook = self.notebooks.get(key)
        if notebook is not None:
            return self._notebook_snapshot(notebook)
        text = self.texts.get(key)
        if text is None:
            return None
        fs_path = fs_path_of(key)
        engine_path = str(fs_path) if fs_path else key
        code, bom = _without_bom(text.text)
        if urlsplit(key).scheme == NOTEBOOK_CELL_SCHEME:
            segment = Segment(key, text.version, 0, cell_line_count(code), 1, bom)
            source, _ = join_cells([code])
            return Snapshot(key, engine_path, fs_path, source, (segment,), text.revision, (code,))
        segment = Segment(key, text.version, 0, len(split_lines(code)), bom=bom)
        return Snapshot(key, engine_path, fs_path, code, (segment,), text.revision)

    def _code_cells(self, notebook: NotebookModel) -> list[tuple[str, TextDocument]]:
        cells: list[tuple[str, TextDocument]] = []
        for cell in notebook.cells:
            text = self.texts.get(cell.document)
            if cell.kind == types.NotebookCellKind.Code and text is not None:
                if not text.language_id or text.language_id.lower() == "python":
                    cells.append((cell.document, text))
        return cells

    @staticmethod
    def _notebook_state(
        notebook: NotebookModel, code_cells: list[tuple[str, TextDocument]]
    ) -> Hashable:
        return (notebook.revision, tuple((uri, text.revision) for uri, text in code_cells))

    def _notebook_snapshot(self, notebook: NotebookModel) -> Snapshot:
        code_cells = self._code_cells(notebook)
        stripped = [_without_bom(text.text) for _, text in code_cells]
        texts = [code for code, _ in stripped]
        source, first_lines = join_cells(texts)
        segments = []
        for (uri, text), (code, bom), first in zip(code_cells, stripped, first_lines, strict=True):
            index = notebook.index_of(uri)
            number = None if index is None else index + 1
            segments.append(Segment(uri, text.version, first, cell_line_count(code), number, bom))
        fs_path = fs_path_of(notebook.uri)
        return Snapshot(
            notebook.uri,
            str(fs_path) if fs_path else notebook.uri,
            fs_path,
            source,
            tuple(segments),
            self._notebook_state(notebook, code_cells),
            tuple(texts),
        )


def _without_bom(text: str) -> tuple[str, bool]:
    """The text the engine analyses (without a leading byte order mark), and whether it had
    one."""
    if text.startswith(BOM):
        return text[len(BOM) :], True
    return text, False
