"""Diagnostics over the real server: on open, after edits (incl. a burst of 200), on save and
close; versions, rule links, related information, `data`, and position encodings."""

from __future__ import annotations

import random

import pytest
from gradguard.analysis import check_source
from lsp_client import RecordingClient
from lsp_helpers import HAZARD, codes, edit, open_text, replace_all
from lsprotocol import types

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/gg_diagnostics/train.py"


async def test_open_publishes_full_diagnostics(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD, version=7)
    params = await client.wait_for_diagnostics(URI)
    assert params.version == 7
    (diagnostic,) = params.diagnostics
    assert diagnostic.code == "GG002" and diagnostic.source == "gradguard"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.range == types.Range(
        start=types.Position(line=3, character=0), end=types.Position(line=3, character=9)
    )
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("docs/rules/GG002.md")
    related = diagnostic.related_information or []
    saver = [r for r in related if "saved" in r.message]
    assert saver and saver[0].location.uri == URI and saver[0].location.range.start.line == 2
    assert isinstance(diagnostic.data, dict) and diagnostic.data["fixes"]


async def test_edits_move_and_clear_diagnostics(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    assert codes(await client.wait_for_diagnostics(URI, version=1)) == [(4, "GG002")]
    edit(client, URI, 2, (1, 0), (1, 0), "# a comment\n# another\n")
    assert codes(await client.wait_for_diagnostics(URI, version=2)) == [(6, "GG002")]
    edit(client, URI, 3, (5, 0), (5, 9), "y = y * 2")
    assert not (await client.wait_for_diagnostics(URI, version=3)).diagnostics


async def test_burst_of_200_edits_publishes_only_the_final_state(client: RecordingClient) -> None:
    rng = random.Random(1234)
    text = HAZARD
    open_text(client, URI, text)
    await client.wait_for_diagnostics(URI, version=1)
    first = len(client.published)
    version = 1
    for _ in range(200):
        version += 1
        lines = text.split("\n")
        line = rng.randrange(1, len(lines))
        choice = rng.random()
        if choice < 0.5:  # type a character
            column = rng.randrange(0, len(lines[line]) + 1)
            char = rng.choice("xyz_ ")
            edit(client, URI, version, (line, column), (line, column), char)
            lines[line] = lines[line][:column] + char + lines[line][column:]
        elif choice < 0.8:  # add a hazard line
            new = f"y.add_({version})"
            edit(client, URI, version, (line, 0), (line, 0), new + "\n")
            lines.insert(line, new)
        else:  # delete a line
            edit(client, URI, version, (line, 0), (line + 1, 0), "")
            del lines[line]
        text = "\n".join(lines)
    final = await client.wait_for_diagnostics(URI, version=version, after=first)
    expected = sorted((f.line, f.code) for f in check_source(text).findings)
    assert codes(final) == expected
    versions = [p.version or 0 for p in client.published[first:] if p.uri == URI]
    assert versions == sorted(versions), "an older version was published after a newer one"
    assert len(versions) < 50, "debouncing should collapse a burst of edits"


async def test_utf16_columns(client: RecordingClient) -> None:
    text = HAZARD.replace("y.mul_(2)", 's = "😀é"; y.mul_(2)')
    open_text(client, URI, text)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    line = text.splitlines()[3]
    assert diagnostic.range.start.character == line.index("y.mul_") + 1  # the emoji is 2 units
    assert diagnostic.range.end.character == len(line) + 1


@pytest.mark.lsp_init(encodings=["utf-8"])
async def test_utf8_columns_when_negotiated(client: RecordingClient) -> None:
    text = HAZARD.replace("y.mul_(2)", 's = "😀é"; y.mul_(2)')
    open_text(client, URI, text)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    line = text.splitlines()[3]
    prefix = line[: line.index("y.mul_")]
    assert diagnostic.range.start.character == len(prefix.encode("utf-8"))


async def test_save_reanalyses_and_close_clears(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    await client.wait_for_diagnostics(URI, version=1)
    count = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert codes(await client.wait_for_diagnostics(URI, after=count)) == [(4, "GG002")]
    count = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert not (await client.wait_for_diagnostics(URI, after=count)).diagnostics


async def test_other_languages_are_ignored(client: RecordingClient) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri="file:///tmp/gg_diagnostics/notes.md",
                language_id="markdown",
                version=1,
                text=HAZARD,
            )
        )
    )
    open_text(client, URI, HAZARD)
    await client.wait_for_diagnostics(URI)
    assert all(p.uri != "file:///tmp/gg_diagnostics/notes.md" for p in client.published)


async def test_syntax_error_while_typing_keeps_other_diagnostics(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    await client.wait_for_diagnostics(URI, version=1)
    edit(client, URI, 2, (2, 0), (2, 0), "z = torch.nn.Linear(3,\n")
    params = await client.wait_for_diagnostics(URI, version=2)
    assert (5, "GG002") in codes(params)
    replace_all(client, URI, 3, HAZARD)
    assert codes(await client.wait_for_diagnostics(URI, version=3)) == [(4, "GG002")]


@pytest.mark.lsp_init(options={"jedi": True})
async def test_jedi_pass_follows_a_quick_pass(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    quick = await client.wait_for_diagnostics(URI, version=1)
    index = client.published.index(quick)
    precise = await client.wait_for_diagnostics(URI, version=1, after=index + 1)
    assert codes(quick) == codes(precise) == [(4, "GG002")]
    edit(client, URI, 2, (0, 0), (0, 0), "\n")  # typing again: the next pass is quick again
    assert codes(await client.wait_for_diagnostics(URI, version=2)) == [(5, "GG002")]


TWO_FUNCTIONS = (
    "import torch\n\n\n"
    "def first():\n    x = torch.ones(3, requires_grad=True)\n    y = torch.sigmoid(x)\n"
    "    y.mul_(2)\n    return y\n\n\n"
    "def second():\n    x = torch.ones(3, requires_grad=True)\n    z = torch.exp(x)\n"
    "    z.add_(1)\n    return z\n"
)


@pytest.mark.asyncio
async def test_incremental_pass_is_followed_by_a_full_one(client: RecordingClient) -> None:
    """An edit in `second` replays `first` from the worker's cache; once typing pauses a full
    analysis of the same version follows (and agrees)."""
    open_text(client, URI, TWO_FUNCTIONS)
    assert codes(await client.wait_for_diagnostics(URI, version=1)) == [(7, "GG002"), (14, "GG002")]
    version = 1
    for _ in range(3):  # the two workers each get their cache filled
        version += 1
        edit(client, URI, version, (14, 12), (14, 12), " ")
        await client.wait_for_diagnostics(URI, version=version)
    quick = await client.wait_for_diagnostics(URI, version=version)
    full = await client.wait_for_diagnostics(
        URI, version=version, after=client.published.index(quick) + 1
    )
    assert codes(quick) == codes(full) == [(7, "GG002"), (14, "GG002")]
    assert [d.message for d in quick.diagnostics] == [d.message for d in full.diagnostics]
