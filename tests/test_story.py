"""The autograd story of a finding: one case per rule (GG001-GG010) from tests/cases, the SVG
checked as XML, the JSON field of `check --format json`, and `check --story FILE:LINE`."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from gradguard.analysis import check_source
from gradguard.analysis.findings import Span
from gradguard.analysis.story import EventPlace, Story, StoryEvent, build_story
from gradguard.story_svg import story_svg
from gradguard.story_text import story_text

CASES = Path(__file__).parent / "cases"
SVG = "{http://www.w3.org/2000/svg}"


def _story(case: str, code: str) -> Story:
    path = CASES / case
    source = path.read_text()
    lines = source.splitlines()

    def code_at(span: Span) -> str:
        text = lines[span.line - 1]
        return text[span.col : span.end_col] if span.end_line == span.line else text[span.col :]

    (finding,) = [f for f in check_source(source, str(path)).findings if f.code == code]
    return build_story(finding, code_at)


def _events(story: Story) -> list[tuple[str, int, int | None, bool]]:
    return [(e.kind, e.span.line, e.version, e.fails) for e in story.events]


def _locate(event: StoryEvent) -> EventPlace:
    return EventPlace("", event.span.line - 1, f"line {event.span.line}")


def test_gg002_save_write_backward_versions_and_failing_read() -> None:
    story = _story("h03_saved_output/h03_pos_sigmoid_mul_.py", "GG002")
    assert _events(story) == [
        ("save", 5, 0, False),
        ("write", 6, 1, False),
        ("backward", 7, 0, True),
    ]
    backward = story.events[2]
    assert backward.found == 1 and "needs version 0, finds version 1" in backward.label
    assert story.edge == (2, 0)  # the backward reads what `sigmoid` saved
    assert story.events[1].focus and story.events[1].op == "mul_"
    assert [(t.name, t.role) for t in story.tensors] == [("y", "saved")]
    assert story.outcome == "raises" and "modified by an inplace operation" in story.failure


def test_gg002_two_writes_count_two_versions() -> None:
    source = (
        "import torch\n"
        "x = torch.randn(3, requires_grad=True)\n"
        "y = torch.exp(x)\n"
        "y.add_(1)\n"
        "y.mul_(2)\n"
        "y.sum().backward()\n"
    )
    stories = [build_story(f) for f in check_source(source, "t.py").findings]
    assert len(stories) == 2
    for story in stories:
        assert [(e.kind, e.span.line, e.version) for e in story.events] == [
            ("save", 3, 0),
            ("write", 4, 1),
            ("write", 5, 2),
            ("backward", 6, 0),
        ]
        assert story.events[-1].found == 2
    assert [e.span.line for s in stories for e in s.events if e.focus] == [4, 5]


@pytest.mark.parametrize(
    ("case", "code", "events", "lanes"),
    [
        (
            "h01_leaf/h01_pos_fill_.py",
            "GG001",
            [("create", 4, None, False), ("write", 5, None, True)],
            [("bias", "leaf")],
        ),
        (
            "h05_multi_view/h05_pos_base_modified.py",
            "GG003",
            [
                ("create", 5, None, False),
                ("view", 6, None, False),
                ("write", 7, None, False),
                ("use", 8, None, True),
            ],
            [("base", "target"), ("a", "view")],
        ),
        (
            "h06_no_grad_view/h06_pos_slice.py",
            "GG004",
            [("create", 5, None, False), ("write", 8, None, True)],
            [("v", "view")],
        ),
        (
            "h07_inference/h07_pos_inplace_outside.py",
            "GG005",
            [("create", 5, None, False), ("write", 6, None, True)],
            [("t", "inference")],
        ),
        (
            "h07_inference/h07_pos_saved_mul.py",
            "GG006",
            [("create", 5, None, False), ("save", 7, None, True)],
            [("t", "inference")],
        ),
        (
            "h09_out/h09_pos_add_out_requires_grad.py",
            "GG007",
            [("create", 5, None, False), ("write", 6, None, True)],
            [("y", "target")],
        ),
        (
            "h08_data_alias/h08_pos_numpy_write.py",
            "GG008",
            [("save", 5, 0, False), ("silent_write", 7, 0, True)],
            [("y", "saved"), ("a", "alias")],
        ),
        (
            "h12_param_update/h12_pos_rebind_out_of_place.py",
            "GG009",
            [("create", 5, None, False), ("rebind", 8, None, True)],
            [("w", "leaf")],
        ),
        (
            "h13_allow_mutation/h13_pos_backward_outside.py",
            "GG010",
            [("save", 6, 0, False), ("write", 7, 1, False), ("backward", 8, None, True)],
            [("y", "saved")],
        ),
    ],
)
def test_every_rule_has_a_story(
    case: str,
    code: str,
    events: list[tuple[str, int, int | None, bool]],
    lanes: list[tuple[str, str]],
) -> None:
    story = _story(case, code)
    assert _events(story) == events
    assert [(t.name, t.role) for t in story.tensors] == lanes
    assert sum(e.fails for e in story.events) == 1
    assert story.outcome == ("silent" if code in ("GG008", "GG009") else "raises")


def test_silent_write_says_what_is_silently_wrong() -> None:
    story = _story("h08_data_alias/h08_pos_data_mul_sigmoid.py", "GG008")
    assert "silently wrong" in story.failure and "no version bump" in story.failure
    assert story.edge == (1, 0)
    assert story.tensors[1].name == "y.data" and "not its version counter" in story.tensors[1].note


def test_svg_structure() -> None:
    story = _story("h03_saved_output/h03_pos_sigmoid_mul_.py", "GG002")
    for theme, fallback in (("light", "#cf222e"), ("dark", "#f48771")):
        svg = story_svg(story, _locate, theme)  # type: ignore[arg-type]
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg" and "gg-story" in root.get("class", "").split()
        assert f"var(--vscode-errorForeground, {fallback})" in svg
        events = [g for g in root.iter(f"{SVG}g") if "gg-event" in g.get("class", "").split()]
        assert [(g.get("data-kind"), g.get("data-line"), g.get("data-uri")) for g in events] == [
            ("save", "4", ""),
            ("write", "5", ""),
            ("backward", "6", ""),
        ]
        for g in events:
            assert g.find(f"{SVG}title") is not None and g.find(f"{SVG}text") is not None
        failing = [g for g in root.iter() if "gg-fail" in g.get("class", "").split()]
        kinds = {(g.tag.replace(SVG, ""), g.get("data-kind")) for g in failing}
        assert ("g", "backward") in kinds  # the failing read
        assert any(g.get("data-from") == "2" and g.get("data-to") == "0" for g in failing)
        texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
        assert "v0" in texts and "-> v1" in texts and "needs v0, finds v1" in texts


def test_svg_escapes_code() -> None:
    source = (
        "import torch\n"
        "x = torch.randn(3, requires_grad=True)\n"
        "y = torch.sigmoid(x)\n"
        "y[y < 0.5] = 0  # <&>\n"
        "y.sum().backward()\n"
    )
    lines = source.splitlines()
    (finding,) = check_source(source, "t.py").findings
    story = build_story(finding, lambda span: lines[span.line - 1][span.col :])
    root = ET.fromstring(story_svg(story, _locate))  # parses: `<` and `&` are escaped
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any("y[y < 0.5] = 0 # <&>" in t for t in titles)


def test_text_timeline() -> None:
    story = _story("h03_saved_output/h03_pos_sigmoid_mul_.py", "GG002")
    text = story_text(story, _locate, markdown=True)
    lines = text.splitlines()
    assert lines[0].startswith("**Autograd story**: `y`")
    assert "1. line 5 `torch.sigmoid(x)`: `sigmoid` saves it for backward (version 0)" in lines
    assert "2. line 6 `y.mul_(2)`: written in place by `mul_` -> version 1 (this line)" in lines
    assert (
        "3. **line 7 `y.sum().backward()`: backward needs version 0, finds version 1** (fails)"
        in lines
    )
    plain = story_text(story, _locate, markdown=False)
    assert "`" not in plain.splitlines()[-1] and "<-- fails" in plain


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradguard", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_json_carries_the_story(tmp_path: Path) -> None:
    case = tmp_path / "train.py"
    case.write_text((CASES / "h03_saved_output/h03_pos_sigmoid_mul_.py").read_text())
    done = _cli("check", "--no-jedi", "--format", "json", "train.py", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    (diagnostic,) = json.loads(done.stdout)["diagnostics"]
    story = diagnostic["story"]
    assert story["code"] == "GG002" and story["facts"] == "static" and story["run"] is None
    assert [(e["kind"], e["line"], e["version"], e["fails"]) for e in story["events"]] == [
        ("save", 5, 0, False),
        ("write", 6, 1, False),
        ("backward", 7, 0, True),
    ]
    assert story["events"][0]["path"] == "train.py" and story["events"][0]["column"] == 5
    assert story["failing_edge"] == {"reader": 2, "read": 0}
    assert story["tensors"] == [
        {
            "id": "t0",
            "name": "y",
            "role": "saved",
            "note": "output of `sigmoid`",
            "shape": None,
            "dtype": None,
        }
    ]


def test_check_story_writes_the_svg_and_prints_the_timeline(tmp_path: Path) -> None:
    case = tmp_path / "train.py"
    case.write_text((CASES / "h03_saved_output/h03_pos_sigmoid_mul_.py").read_text())
    done = _cli("check", "--no-jedi", "--story", "train.py:6", "--theme", "dark", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    svg = tmp_path / "train.6.story.svg"
    assert f"wrote {svg.name}" in done.stdout.replace(str(tmp_path) + "/", "")
    assert "3. line 7 y.sum().backward(): backward needs version 0, finds version 1" in done.stdout
    root = ET.fromstring(svg.read_text())
    lines = [g.get("data-line") for g in root.iter(f"{SVG}g") if g.get("data-kind")]
    assert lines == ["4", "5", "6"]

    out = tmp_path / "pictures" / "s.svg"
    out.parent.mkdir()
    done = _cli("check", "--story", "train.py:6", "--story-out", str(out), cwd=tmp_path)
    assert done.returncode == 0 and out.is_file()

    done = _cli("check", "--story", "train.py:4", cwd=tmp_path)
    assert done.returncode == 2 and "no finding at line 4 of train.py" in done.stderr
    done = _cli("check", "--story", "train.py", cwd=tmp_path)
    assert done.returncode == 2 and "FILE:LINE" in done.stderr


def test_verify_story_has_the_run_facts(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    case = tmp_path / "train.py"
    case.write_text((CASES / "h03_saved_output/h03_pos_sigmoid_mul_.py").read_text())
    done = _cli("verify", "--story", "train.py:6", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(output of `sigmoid`, float32, [3])" in done.stdout and "Run: confirmed" in done.stdout
    root = ET.fromstring((tmp_path / "train.6.story.svg").read_text())
    assert root.get("data-facts") == "run"
    done = _cli("verify", "train.py", "--format", "json", cwd=tmp_path)
    (verdict,) = json.loads(done.stdout)["verdicts"]
    story = verdict["story"]
    assert story["facts"] == "run" and story["tensors"][0]["shape"] == [3]
    assert [(e["kind"], e["version"]) for e in story["events"]] == [
        ("save", 0),
        ("write", 1),
        ("backward", 0),
    ]
    assert story["events"][2]["found_version"] == 1
