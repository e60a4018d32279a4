"""Fix safety, ruff's way (issue 10): a fix that changes what the code computes (moving an
optimizer step, rewriting a write through an alias out of place) is marked unsafe; `--fix`
and the editor's fix-all leave it alone unless asked (`--unsafe-fixes`), JSON says which is
which. That the safe ones keep the maths is checked numerically in test_cases.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits, plan_fixes
from gradguard.analysis.findings import Fix, Span, TextEdit
from gradguard.lsp.actions import choose_fixes

GAN_STEP = """import torch
import torch.nn as nn

G = nn.Linear(4, 4)
D = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
fake = G(torch.randn(8, 4))
out = D(fake)
d_loss = out.mean()
g_loss = -out.mean()
opt_d.zero_grad()
d_loss.backward(retain_graph=True)
opt_d.step()
opt_g.zero_grad()
g_loss.backward()
opt_g.step()
"""


def _step_finding():  # type: ignore[no-untyped-def]
    report = check_source(GAN_STEP, "gan.py")
    [finding] = [f for f in report.findings if f.line == 14]
    return finding


def test_moving_an_optimizer_step_is_offered_and_unsafe() -> None:
    finding = _step_finding()
    [fix] = finding.fixes
    assert not fix.safe
    assert "below the backward at line 16" in fix.title and "unsafe" in fix.title
    fixed = apply_edits(GAN_STEP, list(fix.edits))
    lines = fixed.splitlines()
    assert lines[12:16] == [
        "d_loss.backward(retain_graph=True)",
        "opt_g.zero_grad()",
        "g_loss.backward()",
        "opt_d.step()",
    ]
    namespace: dict[str, object] = {}
    exec(compile(fixed, "gan.py", "exec"), namespace)  # runs (the original raises)


def test_fix_all_in_the_editor_skips_unsafe_fixes() -> None:
    finding = _step_finding()
    assert choose_fixes([finding], lambda _f, _x: True) == []


def test_two_fixes_may_each_insert_whole_lines_at_one_place() -> None:
    move_a = Fix("a", (TextEdit(Span(1, 0, 2, 0), ""), TextEdit(Span(4, 0, 4, 0), "a()\n")), False)
    move_b = Fix("b", (TextEdit(Span(2, 0, 3, 0), ""), TextEdit(Span(4, 0, 4, 0), "b()\n")), False)
    chosen, count = plan_fixes([move_a, move_b])
    assert count == 2
    text = "a()\nb()\nloss.backward()\nrest()\n"
    assert apply_edits(text, chosen[""]) == "loss.backward()\na()\nb()\nrest()\n"
    indent = Fix("i", (TextEdit(Span(4, 0, 4, 0), "    "),))
    assert plan_fixes([move_a, indent])[1] == 1  # an indentation there still conflicts


def test_rewriting_a_write_through_an_alias_is_unsafe() -> None:
    source = (
        "import torch\na = torch.tensor([1.0, 2.0], requires_grad=True)\nout = a.sigmoid()\n"
        "c = out.detach()\nc.zero_()\nout.sum().backward()\n"
    )
    [finding] = check_source(source, "alias.py").findings
    rewrite = [f for f in finding.fixes if "zeros_like" in f.title]
    assert rewrite and not rewrite[0].safe  # `out` would no longer be zeroed


def run(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gradguard", "check", "--no-jedi", *args, str(path)],
        capture_output=True,
        text=True,
    )


def test_cli_fix_leaves_unsafe_fixes_unless_asked(tmp_path: Path) -> None:
    script = tmp_path / "gan.py"
    script.write_text(GAN_STEP)
    first = run(script, "--fix")
    assert first.returncode == 1 and script.read_text() == GAN_STEP
    diff = run(script, "--diff")
    assert diff.returncode == 0 and diff.stdout == ""
    unsafe_diff = run(script, "--diff", "--unsafe-fixes")
    assert unsafe_diff.returncode == 1 and "+opt_d.step()" in unsafe_diff.stdout
    second = run(script, "--fix", "--unsafe-fixes")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "g_loss.backward()\nopt_d.step()\n" in script.read_text()


def test_json_says_which_fixes_are_unsafe(tmp_path: Path) -> None:
    script = tmp_path / "gan.py"
    script.write_text(GAN_STEP)
    out = json.loads(run(script, "--output-format", "json").stdout)
    fixes = [fix for f in out["diagnostics"] for fix in f["fixes"]]
    assert [fix["applicability"] for fix in fixes] == ["unsafe"]
    text = run(script, "--show-fixes").stdout
    assert "fix (unsafe): Move `opt_d.step()`" in text


def test_unsafe_fixes_flag_is_in_the_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gradguard", "check", "--help"], capture_output=True, text=True
    ).stdout
    assert "--unsafe-fixes" in out


SURGERY = """import torch
import torch.nn as nn

lin = nn.Linear(4, 4)
lin.weight.mul_(0.5)
lin.weight.add_(0.1)

lin.bias.zero_()
lin(torch.randn(2, 4)).sum().backward()
"""


def test_adjacent_no_grad_wraps_become_one_block(tmp_path: Path) -> None:
    findings = check_source(SURGERY, "surgery.py").findings
    assert [f.line for f in findings] == [5, 6, 8]
    first, second, apart = (f.fixes[0] for f in findings)
    assert first == second and first.title == "Wrap lines 5-6 in `with torch.no_grad():`"
    assert apart.title.startswith("Wrap `lin.bias.zero_()`")  # a blank line ends the run
    script = tmp_path / "surgery.py"
    script.write_text(SURGERY)
    assert run(script, "--fix").returncode == 0
    fixed = script.read_text()
    assert fixed.count("with torch.no_grad():") == 2
    assert "with torch.no_grad():\n    lin.weight.mul_(0.5)\n    lin.weight.add_(0.1)\n" in fixed


CARRIED_STATE = """import torch
import torch.nn as nn

lstm = nn.LSTM(3, 4)
opt = torch.optim.SGD(lstm.parameters(), lr=0.1)
h = (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4))
for step in range(2):
    o, h = lstm(torch.randn(1, 2, 3), h)
    opt.zero_grad()
    o.sum().backward(retain_graph=True)
    opt.step()
"""


def test_detaching_a_carried_state_is_offered_and_unsafe() -> None:
    [finding] = check_source(CARRIED_STATE, "rnn.py").findings
    [fix] = finding.fixes
    assert not fix.safe and "unsafe" in fix.title and "`h`" in fix.title
    fixed = apply_edits(CARRIED_STATE, list(fix.edits))
    assert "    h = (h[0].detach(), h[1].detach())\n    o, h = lstm(" in fixed


ATTRIBUTE_STATE = """import torch
import torch.nn as nn


class Rec(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.LSTMCell(4, 4)
        self.state = None

    def forward(self, x):
        self.state = self.cell(x, self.state)
        return self.state[0]


net = Rec()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for i in range(3):
    opt.zero_grad()
    net(torch.randn(2, 4)).sum().backward(retain_graph=True)
    opt.step()
print("done")
"""


def test_detaching_a_state_kept_in_a_module_attribute_is_offered_and_unsafe() -> None:
    [finding] = check_source(ATTRIBUTE_STATE, "rec.py").findings
    [fix] = finding.fixes
    assert not fix.safe and "unsafe" in fix.title and "`net.state`" in fix.title
    fixed = apply_edits(ATTRIBUTE_STATE, list(fix.edits))
    assert "    opt.step()\n    net.state = tuple(s.detach() for s in net.state)\n" in fixed
    namespace: dict[str, object] = {}
    exec(compile(fixed, "rec.py", "exec"), namespace)  # runs (the original raises)


WEIGHT_SURGERY = """import torch
import torch.nn as nn

bn = nn.BatchNorm1d(3)
loss = bn(torch.randn(4, 3, requires_grad=True)).pow(3).sum()
with torch.no_grad():
    bn.weight.clamp_(0.0, 0.9)
{between}loss.backward()
"""


def test_moving_a_module_state_write_below_the_backward_is_safe() -> None:
    source = WEIGHT_SURGERY.format(between="")
    [finding] = check_source(source, "bn.py").findings
    [fix] = finding.fixes
    assert fix.safe and fix.title.startswith("Move `bn.weight.clamp_(0.0, 0.9)` below")
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.endswith(
        "loss.backward()\nwith torch.no_grad():\n    bn.weight.clamp_(0.0, 0.9)\n"
    )


def test_a_module_state_write_stays_where_code_before_the_backward_reads_it() -> None:
    source = WEIGHT_SURGERY.format(between="print(bn(torch.ones(2, 3)).sum())\n")
    [finding] = check_source(source, "bn.py").findings
    assert not any(f.title.startswith("Move") for f in finding.fixes)


LIST_ELEMENT = """import torch

w = torch.randn(3, requires_grad=True)
a = torch.sigmoid(w)
{holders}
lst[0] += 1
(lst[0].sum() + lst[1].sum()).backward()
"""


def _element_rewrite(holders: str) -> Fix:
    source = LIST_ELEMENT.format(holders=holders)
    [finding] = [f for f in check_source(source, "fpn.py").findings if f.line == 6]
    [fix] = [f for f in finding.fixes if f.title.startswith("Rewrite")]
    assert apply_edits(source, list(fix.edits)).splitlines()[5] == "lst[0] = lst[0] + 1"
    return fix


def test_rebinding_a_list_element_is_safe_when_only_the_list_holds_it() -> None:
    assert _element_rewrite("lst = [torch.sigmoid(w), a * 2]").safe


def test_rebinding_a_list_element_another_name_holds_is_unsafe() -> None:
    fix = _element_rewrite("lst = [a, a * 2]")  # `a` would keep the old value
    assert not fix.safe and "unsafe" in fix.title


LIST_STATE = """import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n, n) * 0.5)

    def forward(self, x, state=None):
        h = torch.zeros(x.shape[0], self.w.shape[0]) if state is None else state
        z = torch.sigmoid(h)
        return z, x + z @ self.w.t()


def run(cells, head, x, states):
    states = [None] * len(cells) if states is None else states
    new = []
    for cell, s in zip(cells, states):
        x, s = cell(x, s)
        new.append(s)
    return head(x), new


cells = nn.ModuleList([Cell(4), Cell(4)])
head = nn.Linear(4, 1)
opt = torch.optim.SGD([*cells.parameters(), *head.parameters()], lr=0.1)
states = None
for step in range(3):
    out, states = run(cells, head, torch.randn(2, 4), states)
    opt.zero_grad()
    out.pow(2).mean().backward()
    opt.step()
"""


def test_states_kept_in_a_list_are_detached_after_the_step_and_unsafe() -> None:
    [finding] = check_source(LIST_STATE, "stack.py").findings
    [fix] = finding.fixes
    assert not fix.safe and "`states`" in fix.title and "unsafe" in fix.title
    fixed = apply_edits(LIST_STATE, list(fix.edits))
    # `None` before the first round: detached where the round has bound it, after the step
    assert fixed.endswith("    opt.step()\n    states = [s.detach() for s in states]\n")
    exec(compile(fixed, "stack.py", "exec"), {})  # runs (the original raises)


RESIDUAL_UNIT = """import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.relu(x)
        return self.fc(out) + READ


unit = Unit()
h = torch.sigmoid(torch.randn(2, 4, requires_grad=True))
unit(h).sum().backward()
"""


def test_inplace_false_is_unsafe_where_the_layer_input_is_read_afterwards() -> None:
    [read] = check_source(RESIDUAL_UNIT.replace("READ", "x"), "unit.py").findings
    assert [(f.safe, "read afterwards" in f.title) for f in read.fixes] == [(False, True)]
    [unread] = check_source(RESIDUAL_UNIT.replace("READ", "out"), "unit.py").findings
    assert [f.safe for f in unread.fixes] == [True]
