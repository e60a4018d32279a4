"""Helpers shared by the LSP tests: sending documents, applying edits as a client would."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

HAZARD = """\
import torch
x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)
y.mul_(2)
y.sum().backward()
"""


def file_uri(path: Path) -> str:
    return path.resolve().as_uri()


def open_text(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=version, text=text
            )
        )
    )


def replace_all(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def edit(
    client: LanguageClient,
    uri: str,
    version: int,
    start: tuple[int, int],
    end: tuple[int, int],
    text: str,
) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=start[0], character=start[1]),
                        end=types.Position(line=end[0], character=end[1]),
                    ),
                    text=text,
                )
            ],
        )
    )


def utf16_offset(text: str, position: types.Position) -> int:
    """Python index of an LSP (UTF-16) position, written independently of the server's code."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text) or [""]
    if position.line >= len(lines):
        return len(text)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line].rstrip("\r\n")
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(line)


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP text edits (all relative to `text`; equal starts keep their order)."""
    spans = [
        (utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), i, e.new_text)
        for i, e in enumerate(edits)
    ]
    for start, end, _, new_text in sorted(spans, key=lambda s: (s[0], s[2]), reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


def document_edits(action: types.CodeAction, uri: str) -> tuple[int | None, list[types.TextEdit]]:
    """(version, edits) an action makes to one document."""
    assert action.edit is not None and action.edit.document_changes is not None
    for change in action.edit.document_changes:
        assert isinstance(change, types.TextDocumentEdit)
        if change.text_document.uri == uri:
            edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
            return change.text_document.version, edits
    return None, []


def codes(params: types.PublishDiagnosticsParams) -> list[tuple[int, str]]:
    return sorted((d.range.start.line + 1, str(d.code)) for d in params.diagnostics)


def lsp_position(text: str, offset: int) -> types.Position:
    """UTF-16 position of a Python index (lines end at CR, LF, CRLF)."""
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    line_start = breaks[-1].end() if breaks else 0
    units = sum(2 if ord(char) > 0xFFFF else 1 for char in before[line_start:])
    return types.Position(line=len(breaks), character=units)


def minimal_change(old: str, new: str) -> types.TextDocumentContentChangePartial:
    """One incremental change turning `old` into `new` (never splitting a CRLF)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    if 0 < start and old[start - 1] == "\r" and old[start : start + 1] == "\n":
        start -= 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    if end_old < len(old) and old[end_old] == "\n" and end_old > 0 and old[end_old - 1] == "\r":
        end_old += 1
        end_new += 1
    return types.TextDocumentContentChangePartial(
        range=types.Range(start=lsp_position(old, start), end=lsp_position(old, end_old)),
        text=new[start:end_new],
    )
