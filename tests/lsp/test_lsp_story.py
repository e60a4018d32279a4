"""`gradguard.story` through the real server: the story of the diagnostic at a position (JSON,
SVG, markdown), with the run's versions and shapes after Verify cell; the "Show autograd story"
code action (a client command, never part of fix-all) and the hover's timeline and link."""

from __future__ import annotations

import ast
import json
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from conftest import RecordingClient
from lsp_helpers import HAZARD, open_text
from lsprotocol import types

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/gg_story/train.py"
SVG = "{http://www.w3.org/2000/svg}"
CELLS = (
    "# %%\nimport torch\nx = torch.randn(3, requires_grad=True)\n"
    "# %%\ny = torch.sigmoid(x)\ny.mul_(2)\ny.sum().backward()\n"
)


async def _story(client: RecordingClient, argument: object) -> object:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="gradguard.story", arguments=[argument])
    )


async def test_story_of_the_diagnostic(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    start = diagnostic.range.start
    answer = await _story(
        client, {"uri": URI, "line": start.line, "character": start.character, "theme": "dark"}
    )
    assert isinstance(answer, dict), answer
    assert set(answer) == {"title", "story", "svg", "markdown"}
    story = answer["story"]
    events = [(e["kind"], e["line"], e["version"], e["fails"], e["uri"]) for e in story["events"]]
    assert events == [
        ("save", 3, 0, False, URI),
        ("write", 4, 1, False, URI),
        ("backward", 5, 0, True, URI),
    ]
    assert story["events"][1]["range"]["start"] == {"line": 3, "character": 0}
    root = ET.fromstring(answer["svg"])
    marks = [
        (g.get("data-uri"), g.get("data-line")) for g in root.iter(f"{SVG}g") if g.get("data-kind")
    ]
    assert marks == [(URI, "2"), (URI, "3"), (URI, "4")]
    assert "#f48771" in answer["svg"]  # the dark fallback palette
    assert "finds version 1" in answer["markdown"]
    assert await _story(client, {"uri": URI, "line": 0, "character": 0}) is None


async def test_code_action_and_hover_link(client: RecordingClient) -> None:
    open_text(client, URI, HAZARD)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    # lsprotocol's client side reads any `Command | CodeAction` with a `command` key as a
    # Command (the CodeAction's command object turned into its repr): read it back from there
    (show,) = [a for a in actions or [] if a.title == "gradguard: Show autograd story"]
    wire = client.protocol._converter.unstructure(show)
    command = ast.literal_eval(wire["command"]) if isinstance(wire["command"], str) else wire
    if isinstance(show, types.CodeAction):
        command = wire["command"]
        assert show.kind == "" and not show.is_preferred and show.edit is None
    assert command["command"] == "gradguard.showStory"
    assert command["arguments"] == [{"uri": URI, "line": 3, "character": 0}]
    for only in (["quickfix"], ["source.fixAll"]):
        offered = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=URI),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
            )
        )
        assert not [a for a in offered or [] if "story" in a.title]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=3, character=3),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert "**Autograd story**" in text and "backward needs version 0, finds version 1" in text
    link = text.rsplit("(command:gradguard.showStory?", 1)[1].rstrip(")")
    assert json.loads(urllib.parse.unquote(link)) == [{"uri": URI, "line": 3, "character": 0}]


async def test_story_after_verify_has_the_run_facts(client: RecordingClient) -> None:
    pytest.importorskip("torch")
    open_text(client, URI, CELLS)
    (diagnostic,) = (await client.wait_for_diagnostics(URI)).diagnostics
    start = diagnostic.range.start
    argument = {"uri": URI, "line": start.line, "character": start.character}
    before = await _story(client, argument)
    assert isinstance(before, dict) and before["story"]["facts"] == "static"
    verified = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command="gradguard.verifyCell",
            arguments=[{"uri": URI, "position": {"line": 5, "character": 0}, "quiet": True}],
        )
    )
    assert isinstance(verified, dict) and verified["status"] == "error", verified
    after = await _story(client, argument)
    assert isinstance(after, dict)
    story = after["story"]
    assert story["facts"] == "run" and story["run"]["verdict"] == "confirmed"
    assert story["run"]["saved_version"] == 0 and story["run"]["found_version"] == 1
    assert story["tensors"][0]["shape"] == [3] and story["tensors"][0]["dtype"] == "torch.float32"
    assert [(e["kind"], e["version"]) for e in story["events"]] == [
        ("save", 0),
        ("write", 1),
        ("backward", 0),
    ]
    assert "float32 [3]" in after["svg"] and "from the run" in after["markdown"]
