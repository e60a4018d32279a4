"""The server's pure parts, in-process: column conversion, incremental edits, notebook joining
and IPython magics, the document store's line map, settings precedence, fix selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradguard.analysis import Finding, Fix, Severity, Span, TextEdit, check_source
from gradguard.config import Config
from gradguard.lsp.actions import choose_fixes, kind_requested
from gradguard.lsp.documents import DocumentStore, fs_path_of
from gradguard.lsp.edit_plans import EditPlan, diagnostic_data, plans_from_data
from gradguard.lsp.positions import from_client_column, split_lines, to_client_column
from gradguard.lsp.settings import ClientSettings, SettingsResolver, parse_client_settings
from gradguard.lsp.textdoc import TextDocument
from gradguard.notebook_cells import join_cells, python_view
from lsp_helpers import HAZARD
from lsprotocol import types


def _position(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def _change(
    start: tuple[int, int], end: tuple[int, int], text: str
) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(start=_position(*start), end=_position(*end)), text=text
    )


@pytest.mark.parametrize(
    ("line", "column", "utf16", "utf8"),
    [("abc", 2, 2, 2), ("é😀x", 2, 3, 6), ("😀😀", 2, 4, 8), ("ab", 9, 2, 2), ("\ud800x", 1, 1, 3)],
)
def test_columns_round_trip(line: str, column: int, utf16: int, utf8: int) -> None:
    assert to_client_column(line, column, "utf-16") == utf16
    assert to_client_column(line, column, "utf-8") == utf8
    clamped = min(column, len(line))
    assert from_client_column(line, utf16, "utf-16") == clamped
    assert from_client_column(line, utf8, "utf-8") == clamped
    assert from_client_column(line, column, "utf-32") == clamped


def test_position_inside_a_surrogate_pair_rounds_down() -> None:
    assert from_client_column("😀x", 1, "utf-16") == 0


def test_only_cr_lf_and_crlf_end_lines() -> None:
    assert split_lines("a\u2028b\x0cc\r\nd\re\n") == ["a\u2028b\x0cc", "d", "e"]
    document = TextDocument("file:///a.py", "python", 1, "s = '\u2028'\r\nx = 1\ry = 2\n")
    document.apply_change(_change((2, 0), (2, 1), "z"), "utf-16")
    assert document.text == "s = '\u2028'\r\nx = 1\rz = 2\n"


def test_incremental_edits_clamp_out_of_range_positions() -> None:
    document = TextDocument("file:///a.py", "python", 1, "ab\ncd\n")
    document.apply_change(_change((0, 99), (0, 99), "!"), "utf-16")
    document.apply_change(_change((99, 0), (99, 5), "tail"), "utf-16")
    document.apply_change(_change((1, 1), (0, 0), "?"), "utf-16")
    assert document.text == "ab!\nc?d\ntail"


def test_utf16_edit_after_an_emoji() -> None:
    document = TextDocument("file:///a.py", "python", 1, "s = '😀'; y = 1\n")
    document.apply_change(_change((0, 10), (0, 11), "w"), "utf-16")
    assert document.text == "s = '😀'; w = 1\n"


def test_joined_cells_keep_line_numbers() -> None:
    source, starts = join_cells(["a = 1", "", "b = 2\nc = 3\n", "d\r\ne"])
    assert source == "a = 1\n\nb = 2\nc = 3\nd\r\ne\n"
    assert starts == [0, 1, 2, 4]


def test_ipython_magics_become_pass() -> None:
    cell = "%matplotlib inline\n!pip install x\nfiles = !ls\nif True:\n    %time f()\ntorch?\nx = 1"
    view = python_view(cell)
    assert view == "pass\npass\npass\nif True:\n    pass\npass\nx = 1"
    assert python_view("%%bash\necho hi\nls\n") == "\n\n\n"
    assert python_view("%%time\ny.add_(1)\n") == "\ny.add_(1)\n"
    assert python_view("x = 5 % 3\n") == "x = 5 % 3\n"  # valid Python is left alone


def _notebook_store() -> DocumentStore:
    store = DocumentStore()
    cells = [
        ("import torch", types.NotebookCellKind.Code, "python"),
        ("# title", types.NotebookCellKind.Markup, "markdown"),
        ("x = 1\ny = 2", types.NotebookCellKind.Code, "python"),
        ("library(x)", types.NotebookCellKind.Code, "r"),
    ]
    store.open_notebook(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri="file:///n.ipynb",
                notebook_type="jupyter-notebook",
                version=1,
                cells=[
                    types.NotebookCell(kind=kind, document=f"cell:{i}")
                    for i, (_, kind, _) in enumerate(cells)
                ],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=f"cell:{i}", language_id=lang, version=1, text=text)
                for i, (text, _, lang) in enumerate(cells)
            ],
        )
    )
    return store


def test_notebook_snapshot_and_line_map() -> None:
    store = _notebook_store()
    snapshot = store.snapshot("file:///n.ipynb")
    assert snapshot is not None
    assert snapshot.source == "import torch\nx = 1\ny = 2\n"
    assert [(s.uri, s.first_line, s.cell_number) for s in snapshot.segments] == [
        ("cell:0", 0, 1),
        ("cell:2", 1, 3),
    ]
    located = snapshot.locate(2)
    assert located is not None and (located[0].uri, located[1]) == ("cell:2", 1)
    assert snapshot.where(2) == "cell 3, line 2"
    # texts (verify's runtime messages, verdicts) name lines as the user sees them
    assert snapshot.text_in_user_terms("`mul_` at line 3 (line 1 of `n.ipynb`)") == (
        "`mul_` at cell 3, line 2 (cell 1, line 1 of `n.ipynb`)"
    )
    assert store.key_of("cell:2") == "file:///n.ipynb" and store.key_of("cell:9") is None


def test_notebook_state_follows_cell_edits_and_structure() -> None:
    store = _notebook_store()
    before = store.state("file:///n.ipynb")
    store.change_notebook(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(
                version=2, uri="file:///n.ipynb"
            ),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    structure=types.NotebookDocumentCellChangeStructure(
                        array=types.NotebookCellArrayChange(start=0, delete_count=1),
                        did_close=[types.TextDocumentIdentifier(uri="cell:0")],
                    )
                )
            ),
        ),
        "utf-16",
    )
    assert store.state("file:///n.ipynb") != before
    assert store.key_of("cell:0") is None
    snapshot = store.snapshot("file:///n.ipynb")
    assert snapshot is not None and snapshot.source == "x = 1\ny = 2\n"


def test_notebook_cell_uri_path() -> None:
    path = fs_path_of("vscode-notebook-cell:/tmp/a%20b/nb.ipynb#W0sZmlsZQ%3D%3D")
    assert path == Path("/tmp/a b/nb.ipynb")
    assert fs_path_of("untitled:Untitled-1") is None


def test_settings_parse_and_precedence(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gradguard]\nselect = ["GG001"]\nignore = ["GG008"]\njedi = false\n'
    )
    path = tmp_path / "train.py"
    defaults = SettingsResolver().for_path(None)
    assert defaults.select is None and defaults.jedi is Config().jedi
    project = SettingsResolver().for_path(path)
    assert (project.select, project.ignore, project.jedi) == (("GG001",), ("GG008",), False)
    client, problems = parse_client_settings(
        {"select": "gg002,GG003", "jedi": True, "severity": {"GG00": "hint", "GG002": "error"}}
    )
    assert problems == []
    merged = SettingsResolver(client).for_path(path)
    assert merged.select == ("GG002", "GG003") and merged.ignore == ("GG008",)
    assert merged.jedi is True
    assert merged.severity_of("GG002", Severity.WARNING) == Severity.ERROR
    assert merged.severity_of("GG005", Severity.ERROR) == Severity.HINT


def test_bad_settings_are_reported() -> None:
    client, problems = parse_client_settings(
        {"select": [1], "lintOnChange": "no", "debounceMs": -1, "severity": [], "workerMemoryMb": 1}
    )
    assert client == ClientSettings()
    assert len(problems) == 5


def test_worker_memory_setting() -> None:
    assert ClientSettings().worker_memory_mb == 500  # the default the README states
    client, problems = parse_client_settings({"workerMemoryMb": 2048})
    assert (client.worker_memory_mb, problems) == (2048, [])


def test_choose_fixes_skips_overlaps() -> None:
    def finding(line: int, col: int, end: int) -> Finding:
        fix = Fix("f", (TextEdit(Span(line, col, line, end), "x"),))
        return Finding("GG002", Severity.ERROR, Span(line, col, line, end), "m", fixes=(fix,))

    findings = [finding(1, 0, 5), finding(1, 3, 8), finding(1, 5, 9), finding(2, 0, 0)]
    chosen = choose_fixes(findings, lambda f, fix: True)
    assert [fix.edits[0].span.col for fix in chosen] == [0, 5, 0]


def test_requested_kinds() -> None:
    assert kind_requested("source.fixAll.gradguard", ["source"])
    assert kind_requested("source.fixAll.gradguard", ["source.fixAll"])
    assert not kind_requested("source.fixAll.gradguard", ["quickfix"])
    assert kind_requested("source.fixAll.gradguard", None)
    assert not kind_requested("notebook.source.fixAll.gradguard", None)


def test_fix_plans_survive_the_trip_through_data() -> None:
    store = DocumentStore()
    store.open_text(
        types.TextDocumentItem(uri="file:///a.py", language_id="python", version=4, text=HAZARD)
    )
    snapshot = store.snapshot("file:///a.py")
    assert snapshot is not None
    (finding,) = check_source(HAZARD).findings
    fixes, suppress = plans_from_data(diagnostic_data(snapshot, finding, "utf-16"))
    assert [plan.title for plan in fixes] == [fix.title for fix in finding.fixes]
    assert fixes[0].changes[0].version == 4 and suppress is not None
    assert EditPlan.from_data({"title": "x", "changes": [{"uri": 1}]}) is None
    assert plans_from_data("garbage") == ([], None)
