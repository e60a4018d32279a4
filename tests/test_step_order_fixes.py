"""Fixes for an optimizer step and a later backward that reach the same weights through
different statements of a common caller (issue 10): moving the call that leads to the
backward above the one that leads to the step, or repeating the forward after the step. Both
change what is trained, so both are unsafe; each is offered only where the reordered code
still computes its inputs the same way. The cases in tests/cases/h12_param_update check that
each offered fix runs under torch; these check where they are not offered."""

from __future__ import annotations

from gradguard.analysis import check_source
from gradguard.analysis.edits import apply_edits
from gradguard.analysis.findings import Finding

HELPERS = """import torch
import torch.nn as nn

actor = nn.Linear(4, 2)
critic = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 1))
actor_opt = torch.optim.SGD(actor.parameters(), lr=0.1)
critic_opt = torch.optim.SGD(critic.parameters(), lr=0.1)


def take_step(optimizer, loss):
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


def losses(states):
    critic_loss = critic(torch.cat([states, actor(states).detach()], dim=1)).pow(2).mean()
    actor_loss = -critic(torch.cat([states, actor(states)], dim=1)).mean()
    return critic_loss, actor_loss


def update(critic_loss, actor_loss):
    take_step(critic_opt, critic_loss)
    take_step(actor_opt, ACTOR_LOSS)


update(*losses(torch.randn(8, 4)))
"""

GAN = """import torch
import torch.nn as nn

netG = nn.Linear(4, 4)
netD = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt_g = torch.optim.SGD(netG.parameters(), lr=0.1)
opt_d = torch.optim.SGD(netD.parameters(), lr=0.1)
noise = torch.randn(8, 4)
for it in range(2):
    fake = netG(NOISE)
    score = netD(fake)
    if it >= 0:
        opt_d.zero_grad()
        score.mean().backward(retain_graph=True)
        opt_d.step()
    REBIND
    if it >= 0:
        opt_g.zero_grad()
        (-score.mean()).backward()
        opt_g.step()
"""


def _step_finding(source: str) -> Finding:
    [finding] = [f for f in check_source(source, "case.py").findings if f.code == "GG002"]
    return finding


def _runs(source: str) -> None:
    exec(compile(source, "case.py", "exec"), {})


def test_the_call_leading_to_the_backward_moves_above_the_step_call() -> None:
    source = HELPERS.replace("ACTOR_LOSS", "actor_loss")
    finding = _step_finding(source)
    [fix] = finding.fixes
    assert not fix.safe and "unsafe" in fix.title
    assert fix.title.startswith("Move `take_step(actor_opt, actor_loss)` (line 24) above")
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.splitlines()[22:24] == [
        "    take_step(actor_opt, actor_loss)",
        "    take_step(critic_opt, critic_loss)",
    ]
    _runs(fixed)


def test_no_move_when_the_moved_call_reads_what_the_step_call_binds() -> None:
    source = HELPERS.replace(
        "    take_step(actor_opt, ACTOR_LOSS)",
        "    scaled = actor_loss * 2\n    take_step(actor_opt, scaled)",
    ).replace(
        "    take_step(critic_opt, critic_loss)", "    scaled = take_step(critic_opt, critic_loss)"
    )
    assert _step_finding(source).fixes == ()


def test_the_forward_is_repeated_before_the_update_that_needs_it() -> None:
    source = GAN.replace("NOISE", "noise").replace("    REBIND\n", "")
    finding = _step_finding(source)
    [fix] = finding.fixes
    assert not fix.safe
    assert fix.title.startswith("Repeat `score = netD(fake)` before line 16, after the step")
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.splitlines()[15:17] == ["    score = netD(fake)", "    if it >= 0:"]
    _runs(fixed)


def test_no_repeat_of_a_forward_drawing_random_inputs() -> None:
    source = GAN.replace(
        "    fake = netG(NOISE)\n    score = netD(fake)",
        "    score = netD(netG(torch.randn(8, 4)))",
    ).replace("    REBIND\n", "")
    assert _step_finding(source).fixes == ()


def test_no_repeat_when_an_input_of_the_forward_changed_after_it() -> None:
    source = GAN.replace("NOISE", "noise").replace("    REBIND", "    fake = fake * 0")
    assert _step_finding(source).fixes == ()


def test_a_step_moves_below_the_block_holding_the_backward() -> None:
    source = (
        GAN.replace(
            "    fake = netG(NOISE)\n    score = netD(fake)",
            "    score = netD(netG(torch.randn(8, 4)))",
        )
        .replace("    REBIND\n", "")
        .replace("        opt_d.step()\n", "")
        .replace(
            "    if it >= 0:\n        opt_g", "    opt_d.step()\n    if it >= 0:\n        opt_g"
        )
    )
    finding = _step_finding(source)
    [fix] = finding.fixes
    assert not fix.safe
    assert fix.title.startswith("Move `opt_d.step()` below the block ending at line 18")
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.splitlines()[-2:] == ["        opt_g.step()", "    opt_d.step()"]
    _runs(fixed)


G_STEPS = """import torch
import torch.nn as nn

netG = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 4))
netD = nn.Linear(4, 1)
opt_g = torch.optim.SGD(netG.parameters(), lr=0.1)
noise = torch.randn(8, 4)
fake = netG(FORWARD_INPUT)
for j in range(2):
    LOOP_FIRST
    opt_g.zero_grad()
    (-netD(fake).mean()).backward(retain_graph=True)
    opt_g.step()
"""


def test_a_forward_made_before_the_loop_is_repeated_at_its_top() -> None:
    source = G_STEPS.replace("FORWARD_INPUT", "noise").replace("    LOOP_FIRST\n", "")
    [fix] = _step_finding(source).fixes
    assert not fix.safe
    assert fix.title.startswith("Repeat `fake = netG(noise)` (line 8) at the top of the loop")
    fixed = apply_edits(source, list(fix.edits))
    assert fixed.splitlines()[8:10] == ["for j in range(2):", "    fake = netG(noise)"]
    _runs(fixed)


def test_no_repeat_in_the_loop_of_a_forward_drawing_random_inputs() -> None:
    source = G_STEPS.replace("FORWARD_INPUT", "torch.randn(8, 4)").replace("    LOOP_FIRST\n", "")
    assert _step_finding(source).fixes == ()


def test_no_repeat_in_the_loop_when_the_loop_changes_the_forward_input() -> None:
    source = G_STEPS.replace("FORWARD_INPUT", "noise").replace("LOOP_FIRST", "noise = noise * 0.5")
    assert _step_finding(source).fixes == ()


LOSS_FN = """import torch
import torch.nn as nn


def tc_loss(D, opt_d, z):
    d_z = D(z)
    term = d_z.mean()
    d_loss = d_z.pow(2).mean()
    opt_d.zero_grad()
    d_loss.backward(retain_graph=True)
    REBIND
    opt_d.step()
    return term, d_loss


enc = nn.Linear(6, 4)
D = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
z = enc(torch.randn(5, 6))
term, d_loss = tc_loss(D, opt_d, z)
term.backward()
"""


def test_the_returned_term_is_recomputed_after_the_step_in_the_loss_function() -> None:
    source = LOSS_FN.replace("    REBIND\n", "")
    [fix] = _step_finding(source).fixes
    assert not fix.safe
    assert fix.title.startswith("Repeat lines 6, 7 after `opt_d.step()`")
    fixed = apply_edits(source, list(fix.edits))
    # the discriminator's own loss, which its backward consumed, is not repeated
    assert fixed.splitlines()[11:14] == [
        "    d_z = D(z)",
        "    term = d_z.mean()",
        "    return term, d_loss",
    ]
    _runs(fixed)


def test_no_repeat_after_the_step_when_an_input_of_the_forward_changed() -> None:
    source = LOSS_FN.replace("    REBIND", "    z = z * 2")
    assert _step_finding(source).fixes == ()
