"""2,000 damaged programs (seeded mutations of tests/cases) sent as incremental edits to the real
server, each analysed (debounce off) before the next edit of its document: the server must
publish for every version, never crash or hang, and still hold the exact text at the end."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from gradguard.analysis import check_source
from harness.casefile import all_cases
from harness.mutations import mutants
from lsp_client import RecordingClient
from lsp_helpers import codes, minimal_change, open_text
from lsprotocol import types

pytestmark = pytest.mark.asyncio
CASES = [p.read_text("utf-8") for p in all_cases(Path(__file__).resolve().parents[1] / "cases")]
INPUTS = 2000
DOCUMENTS = 8
SEED = 20251126


@pytest.mark.lsp_init(options={"debounceMs": 0})
async def test_fuzzed_edits_never_crash_or_hang(client: RecordingClient) -> None:
    programs = list(mutants(CASES, INPUTS, SEED))

    async def drive(doc: int) -> None:
        uri = f"file:///tmp/gg_fuzz/doc{doc}.py"
        text = CASES[doc]
        open_text(client, uri, text)
        await client.wait_for_diagnostics(uri, version=1)
        version = 1
        for program in [*programs[doc::DOCUMENTS], CASES[doc + 1]]:
            version += 1
            change = minimal_change(text, program)
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[change],
                )
            )
            text = program
            published = await client.wait_for_diagnostics(uri, version=version, timeout=60)
        expected = sorted((f.line, f.code) for f in check_source(text).findings)
        assert codes(published) == expected, f"{uri}: server text diverged"

    await asyncio.gather(*(drive(doc) for doc in range(DOCUMENTS)))
    errors = [m.message for m in client.log_messages if m.type == types.MessageType.Error]
    print(f"{INPUTS} fuzzed inputs, {len(client.published)} publishes, {len(errors)} errors")
    assert not errors, errors[:3]
