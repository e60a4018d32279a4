"""Bad input never stops the analysis: syntax errors mid-typing, odd encodings, huge or empty
files, deep nesting, random damage; and the analysis runs without torch installed."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

from gradguard.analysis import check_bytes, check_source

HAZARD = textwrap.dedent("""\
    import torch
    x = torch.randn(3, requires_grad=True)
    y = torch.sigmoid(x)
    y.mul_(2)
    y.sum().backward()
""")


def _codes(source: str) -> set[tuple[int, str]]:
    return {(f.line, f.code) for f in check_source(source).findings}


def test_syntax_error_elsewhere_keeps_other_findings() -> None:
    broken = HAZARD.replace("y = torch.sigmoid(x)\n", "y = torch.sigmoid(x)\nz = (1 +\nw = 3\n")
    report = check_source(broken)
    assert (6, "GG002") in {(f.line, f.code) for f in report.findings}
    assert any("syntax error" in p for p in report.problems)


def test_half_typed_call_at_end_of_file() -> None:
    report = check_source(HAZARD + "model = torch.nn.Linear(3,\n")
    assert (4, "GG002") in {(f.line, f.code) for f in report.findings}
    assert report.problems


def test_broken_indentation_in_a_function() -> None:
    source = HAZARD + "def f(x):\n    if x:\n  return 1\n"
    assert (4, "GG002") in _codes(source)


def test_non_utf8_bytes_give_a_message_not_a_traceback() -> None:
    data = HAZARD.encode() + b"# caf\xe9\n"
    report = check_bytes(data, "latin.py")
    assert any("UTF-8" in p or "utf-8" in p for p in report.problems)
    assert (4, "GG002") in {(f.line, f.code) for f in report.findings}


def test_coding_cookie_is_honoured() -> None:
    data = b"# -*- coding: latin-1 -*-\n" + HAZARD.encode() + b"s = '\xe9'\n"
    report = check_bytes(data, "cookie.py")
    assert not report.problems
    assert (5, "GG002") in {(f.line, f.code) for f in report.findings}


def test_empty_and_whitespace_files() -> None:
    for text in ("", "\n\n", "   ", "# only a comment"):
        report = check_source(text)
        assert report.findings == [] and report.problems == []


def test_nul_bytes_are_reported() -> None:
    report = check_bytes(b"import torch\x00\n", "bin.py")
    assert report.problems and not report.findings


def test_very_large_file_gives_a_result() -> None:
    body = "".join(f"a{i} = torch.zeros(3)\na{i}.add_(1)\n" for i in range(40_000))
    report = check_source("import torch\n" + body + HAZARD)
    assert isinstance(report.findings, list)  # a result (possibly partial), no exception


def test_deep_nesting_does_not_crash() -> None:
    source = "import torch\nx = " + "(" * 150 + "1" + ")" * 150 + "\n" + HAZARD
    check_source(source)
    check_source("import torch\nx = " + "[" * 3000 + "]" * 3000 + "\n")


def test_random_damage_to_every_case_never_raises() -> None:
    rng = random.Random(1234)
    cases = sorted((Path(__file__).parent / "cases").rglob("*.py"))
    mutations = 0
    for path in cases:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for _ in range(8):
            damaged = list(lines)
            op = rng.randrange(4)
            i = rng.randrange(len(damaged))
            if op == 0:
                del damaged[i]
            elif op == 1:
                damaged[i] = damaged[i][: rng.randrange(len(damaged[i]) + 1)]
            elif op == 2:
                damaged.insert(i, rng.choice(["    ", "(", "def f(:\n", "]\n", "x.add_(\n"]))
            else:
                j = rng.randrange(len(damaged))
                damaged[i], damaged[j] = damaged[j], damaged[i]
            check_source("".join(damaged), str(path))
            mutations += 1
    assert mutations >= 2000


def test_analysis_runs_without_torch_installed() -> None:
    code = textwrap.dedent(f"""
        import sys
        sys.modules["torch"] = None  # any `import torch` now fails
        from gradguard.analysis import check_source
        report = check_source({HAZARD!r})
        print(sorted((f.line, f.code) for f in report.findings))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "(4, 'GG002')" in out.stdout
