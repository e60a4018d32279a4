"""Configuration: initializationOptions, workspace/didChangeConfiguration (pushed and pulled),
`[tool.gradguard]` in the nearest pyproject.toml, and their precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsp_client import RecordingClient
from lsp_helpers import HAZARD, codes, edit, open_text
from lsprotocol import types

pytestmark = pytest.mark.asyncio

TWO_RULES = HAZARD + "w = torch.randn(2, requires_grad=True)\nw.add_(1)\n"  # GG002 + GG001
URI = "file:///tmp/gg_config/train.py"


def push(client: RecordingClient, settings: object) -> None:
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))


@pytest.mark.lsp_init(options={"gradguard": {"ignore": ["GG002"]}})
async def test_initialization_options(client: RecordingClient) -> None:
    open_text(client, URI, TWO_RULES)
    assert codes(await client.wait_for_diagnostics(URI)) == [(7, "GG001")]


async def test_pushed_settings_reanalyse_open_documents(client: RecordingClient) -> None:
    open_text(client, URI, TWO_RULES)
    await client.wait_for_diagnostics(URI)
    count = len(client.published)
    push(client, {"gradguard": {"select": ["GG002"], "severity": {"GG00": "hint"}}})
    params = await client.wait_for_diagnostics(URI, after=count)
    assert codes(params) == [(4, "GG002")]
    assert params.diagnostics[0].severity == types.DiagnosticSeverity.Hint


async def test_pulled_settings(client: RecordingClient) -> None:
    open_text(client, URI, TWO_RULES)
    await client.wait_for_diagnostics(URI)
    count = len(client.published)
    client.set_configuration({"ignore": ["GG001"]}, section="gradguard")
    push(client, None)  # "something changed": the server asks for its section
    assert codes(await client.wait_for_diagnostics(URI, after=count)) == [(4, "GG002")]


async def test_bad_values_are_reported_and_ignored(client: RecordingClient) -> None:
    push(client, {"gradguard": {"select": 5, "severity": {"GG002": "loud"}, "jedi": "yes"}})
    open_text(client, URI, TWO_RULES)
    assert codes(await client.wait_for_diagnostics(URI)) == [(4, "GG002"), (7, "GG001")]
    warnings = [m.message for m in client.log_messages if m.type == types.MessageType.Warning]
    assert any("select" in m for m in warnings) and any("loud" in m for m in warnings)


async def test_pyproject_and_precedence(client: RecordingClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gradguard]\nignore = ["GG001"]\nexclude = ["generated"]\n'
    )
    (tmp_path / "pkg").mkdir()
    (tmp_path / "generated").mkdir()
    uri = (tmp_path / "pkg" / "train.py").as_uri()
    excluded = (tmp_path / "generated" / "train.py").as_uri()
    open_text(client, uri, TWO_RULES)
    open_text(client, excluded, TWO_RULES)
    assert codes(await client.wait_for_diagnostics(uri)) == [(4, "GG002")]
    assert not (await client.wait_for_diagnostics(excluded)).diagnostics
    count = len(client.published)
    push(client, {"gradguard": {"ignore": ["GG002"]}})  # the client's `ignore` wins
    assert codes(await client.wait_for_diagnostics(uri, after=count)) == [(7, "GG001")]

    count = len(client.published)
    push(client, {"gradguard": {}})
    await client.wait_for_diagnostics(uri, after=count)
    (tmp_path / "pyproject.toml").write_text('[tool.gradguard]\nselect = ["GG001"]\n')
    count = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=(tmp_path / "pyproject.toml").as_uri())
        )
    )
    assert codes(await client.wait_for_diagnostics(uri, after=count)) == [(7, "GG001")]


@pytest.mark.lsp_init(options={"lintOnChange": False})
async def test_lint_on_change_off_waits_for_save(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    await client.wait_for_diagnostics(URI, version=1)
    edit(client, URI, 2, (3, 0), (3, 9), "y = y * 2")
    with pytest.raises(TimeoutError):
        await client.wait_for_diagnostics(URI, version=2, timeout=0.5)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert not (await client.wait_for_diagnostics(URI, version=2)).diagnostics
