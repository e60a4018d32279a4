"""The incremental analysis (a cache of per-definition results kept between edits) must give
exactly what a full analysis of the same text gives: same findings, spans, messages, related
locations and fixes. Checked over random edits of every case file, over typing into a large
training script, and on the situations the dependency tracking exists for."""

from __future__ import annotations

import random
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradguard.analysis import Finding, check_source
from gradguard.analysis.incremental import AnalysisCache
from harness.casefile import all_cases

CASES = all_cases(Path(__file__).parent / "cases")
sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from lsp_latency import model_library, training_script  # noqa: E402


def _full(finding: Finding) -> tuple[object, ...]:
    f = finding
    return (f.code, f.severity, f.span, f.message, f.related, f.fixes)


def _same(text: str, cache: AnalysisCache, path: str = "/t/file.py") -> None:
    incremental = [_full(f) for f in check_source(text, path, cache=cache).findings]
    full = [_full(f) for f in check_source(text, path).findings]
    assert incremental == full


def _random_edits(rng: random.Random, text: str, count: int) -> Iterator[str]:
    """Blank lines, deleted, changed, duplicated and swapped lines (syntax errors included)."""
    lines = text.split("\n")
    for _ in range(count):
        i = rng.randrange(len(lines))
        kind = rng.randrange(5)
        if kind == 0:
            lines.insert(i, "")
        elif kind == 1 and len(lines) > 1:
            del lines[i]
        elif kind == 2:
            lines[i] += "  # edited"
        elif kind == 3:
            lines.insert(i, lines[i])
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        yield "\n".join(lines)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_of_every_case(seed: int) -> None:
    hits = 0
    for path in CASES:
        text = path.read_text(encoding="utf-8")
        rng = random.Random(f"{seed}:{path.name}")
        cache = AnalysisCache()
        check_source(text, str(path), cache=cache)
        for edited in _random_edits(rng, text, 6):
            _same(edited, cache, str(path))
        hits += cache.hits
    assert hits > 200  # the cache really was used


def test_typing_into_a_large_training_script() -> None:
    """Each keystroke re-analyses only the function typed in (every other function that is
    analysed on its own is replayed); a line added near the top moves every later finding
    (spans, related lines, `line N` in messages, fix edits)."""
    text = training_script(1500)
    lines = text.split("\n")
    body = next(i for i, line in enumerate(lines) if "feats += 1" in line)
    cache = AnalysisCache()
    check_source(text, cache=cache)
    # functions that can reach no write (nor only counters: `total += loss.item()` in each
    # evaluate) are not analysed on their own; the script still has many that are
    analysed = cache.misses
    assert analysed > 15
    for step in range(1, 6):
        lines[body] = "        feats += 1" + " " * step
        cache.hits = cache.misses = 0
        _same("\n".join(lines), cache)
        assert cache.misses == 1 and cache.hits == analysed - 1
    lines.insert(body, "        feats.mul_(2)")  # a new hazard, and every line below moves
    cache.hits = cache.misses = 0
    _same("\n".join(lines), cache)
    assert cache.misses == 1 and cache.hits == analysed - 1


def test_model_library_edit_in_a_helper_called_from_many_places() -> None:
    text = model_library(1200)
    cache = AnalysisCache()
    check_source(text, cache=cache)
    header = "def rotate_half0(x: torch.Tensor) -> torch.Tensor:\n"
    edited = text.replace(header, header + "    x.mul_(1)\n")
    assert edited != text
    _same(edited, cache)


MODULE_LEVEL_MODEL = textwrap.dedent("""\
    import torch
    import torch.nn as nn

    model = nn.Sequential(nn.Linear(3, 3), nn.Sigmoid())


    def patch():
        model.act = nn.ReLU(inplace=True)


    def step(x):
        y = model(x)
        y.mul_(2)
        return y
""")


def test_a_function_changing_a_module_level_object_is_not_replayed() -> None:
    cache = AnalysisCache()
    check_source(MODULE_LEVEL_MODEL, cache=cache)
    cache.hits = cache.misses = 0
    _same(MODULE_LEVEL_MODEL + "\n# edited\n", cache)
    assert cache.misses >= 1  # `patch` changed `model`: it runs again each time


def test_editing_module_level_code_reanalyses_its_readers() -> None:
    cache = AnalysisCache()
    check_source(MODULE_LEVEL_MODEL, cache=cache)
    edited = MODULE_LEVEL_MODEL.replace("nn.Sigmoid()", "nn.Tanh()")
    _same(edited, cache)
    edited = edited.replace("nn.Tanh()", "nn.Identity()")
    _same(edited, cache)


GLOBAL_STATEMENT = textwrap.dedent("""\
    import torch
    w = torch.randn(3, requires_grad=True)


    def reset():
        global w
        w = torch.zeros(3)


    def step():
        w.add_(1)
""")


def test_global_statements_turn_the_cache_off() -> None:
    cache = AnalysisCache()
    check_source(GLOBAL_STATEMENT, cache=cache)
    _same(GLOBAL_STATEMENT + "\n", cache)
    assert cache.hits == 0


NORM_MODULE = """\
import torch
import torch.nn as nn


class L2Norm(nn.Module):
    def forward(self, x):
        norm = x.pow(2).sum(dim=1, keepdim=True).sqrt()
        x /= norm
        return x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 4)
        self.norm = L2Norm()

    def forward(self, inp):
        x = self.fc(inp)
        s = self.norm(x)
        return s.sum() + x.sum()
"""


def test_a_fix_judged_by_the_calls_is_not_replayed_after_they_change() -> None:
    """The out-of-place rewrite of `x /= norm` is unsafe while a caller reads `x` after the
    call, safe once no caller does: an edit of the caller alone changes it, so the norm's
    own analysis (which judged it by that caller) must not be replayed."""
    cache = AnalysisCache()
    before = check_source(NORM_MODULE, "/t/norm.py", cache=cache).findings
    assert [f.fixes[-1].safe for f in before if f.line == 8] == [False]
    edited = NORM_MODULE.replace("return s.sum() + x.sum()", "return s.sum()")
    _same(edited, cache, "/t/norm.py")
    after = check_source(edited, "/t/norm.py").findings
    assert any(fix.safe and "Rewrite" in fix.title for f in after if f.line == 8 for fix in f.fixes)
