"""A giant document (issue 13, item 10): its first lines' findings are published before the
complete analysis ends, and small documents opened meanwhile are not queued behind it. Asserted
by the order of notifications, not by times (bench/giant_latency.py prints those)."""

from __future__ import annotations

import pytest
from lsp_client import RecordingClient
from lsp_helpers import HAZARD, codes, open_text

pytestmark = pytest.mark.asyncio

GIANT = "file:///tmp/gg_giant/big.py"
SMALL = ["file:///tmp/gg_giant/a.py", "file:///tmp/gg_giant/b.py"]
HAZARD_FN = """
def {name}():
    x = torch.ones(3, requires_grad=True)
    y = x.sigmoid()
    y.mul_(2)
    y.sum().backward()
"""
SMALL_FN = """
def f{n}(a: torch.Tensor) -> torch.Tensor:
    b = a * 2
    c = torch.relu(b)
    return c + 1
"""


def giant(functions: int) -> str:
    """A hazard on line 6, `functions` small functions, a hazard at the end."""
    return (
        "import torch\n"
        + HAZARD_FN.format(name="top")
        + "".join(SMALL_FN.format(n=n) for n in range(functions))
        + HAZARD_FN.format(name="bottom")
    )


async def test_giant_publishes_its_first_lines_first(client: RecordingClient) -> None:
    text = giant(6000)  # 30,000 lines
    last = text.count("\n") - 1  # the bottom hazard's `y.mul_(2)` is its line before last
    open_text(client, GIANT, text)
    open_text(client, SMALL[0], HAZARD)

    first = await client.wait_for_diagnostics(GIANT)
    assert codes(first) == [(6, "GG002")]  # the hazard near the top, and only it: partial
    # opened while the complete analysis runs; round robin gives it the giant's worker
    open_text(client, SMALL[1], HAZARD)
    start = client.published.index(first) + 1
    complete = await client.wait_for_diagnostics(GIANT, after=start, timeout=120)
    assert codes(complete) == [(6, "GG002"), (last, "GG002")]
    assert complete.version == first.version == 1
    done = client.published.index(complete)

    for uri in SMALL:  # both were answered before the giant's complete analysis ended
        small = await client.wait_for_diagnostics(uri)
        assert codes(small) == [(4, "GG002")]
        assert client.published.index(small) < done
