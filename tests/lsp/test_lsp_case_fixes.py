"""Every case in tests/cases/ that gets a fix, fixed through the LSP path and run under torch.

Each case is opened in the real server; its diagnostics must match the case's annotations; the
preferred quick-fix of its first fixable diagnostic is requested as a code action, its versioned
edits applied as a client would, and the result must run cleanly under torch. Cases are batched
(several documents per server session) to keep the run short.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gradguard.analysis import check_source
from harness.casefile import all_cases, parse_case
from lsp_client import RecordingClient
from lsp_helpers import apply_edits, codes, document_edits, open_text
from lsprotocol import types

CASES = Path(__file__).resolve().parents[1] / "cases"
FIXABLE = [
    path
    for path in all_cases(CASES)
    if any(f.fixes for f in check_source(path.read_text("utf-8"), str(path)).findings)
]
BATCHES = 6


def test_enough_fixable_cases() -> None:
    assert len(FIXABLE) >= 100


@pytest.mark.asyncio
@pytest.mark.parametrize("batch", range(BATCHES))
async def test_preferred_quick_fix_makes_each_case_run(client: RecordingClient, batch: int) -> None:
    pytest.importorskip("torch")
    from harness.torch_run import run_source

    paths = FIXABLE[batch::BATCHES]
    for path in paths:
        open_text(client, path.as_uri(), path.read_text("utf-8"))
    failures: list[str] = []
    for path in paths:
        uri, case = path.as_uri(), parse_case(path)
        published = await client.wait_for_diagnostics(uri)
        if set(codes(published)) != case.expected:
            failures.append(f"{case.name}: diagnostics {codes(published)} != {case.expected}")
            continue
        diagnostic = next(d for d in published.diagnostics if d.data and d.data["fixes"])
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=types.CodeActionContext(
                    diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]
                ),
            )
        )
        preferred = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.is_preferred]
        if len(preferred) != 1:
            failures.append(f"{case.name}: {len(preferred)} preferred actions")
            continue
        version, edits = document_edits(preferred[0], uri)
        fixed = apply_edits(case.source, edits)
        outcome = run_source(fixed, str(path))
        if version != 1 or not outcome.ok:
            failures.append(f"{case.name}: v{version}, {preferred[0].title}: {outcome.describe()}")
    assert not failures, "\n".join(failures)
