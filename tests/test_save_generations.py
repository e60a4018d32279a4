"""Save records stand for every generation of their site; tensors say how old the saves they
depend on are (analysis/state.py SaveRecord.mutated_at, values.py TensorVal.deps_from). An
optimizer step that changed an earlier generation must not make a later graph look modified:
the loop-level behaviour is covered by the torch-labelled cases in tests/cases/h11_loop_state
(`*tbptt*`, `*two_tier*`); these tests pin the rules those cases rely on."""

from __future__ import annotations

from gradguard.analysis.findings import Span
from gradguard.analysis.state import Mutation, SaveRecord
from gradguard.analysis.values import (
    NO_SAVES,
    TensorVal,
    Tri,
    next_serial,
    plus_saves,
    saves_from,
)

SPAN = Span(3, 4, 3, 9)
STEP = Mutation(SPAN, "`opt.step()`", "optimizer.step", True, kind="step")


def _record(mutated_at: int = -1, dirty: bool = False) -> SaveRecord:
    return SaveRecord(
        ("site", "weight"),
        frozenset({("w",)}),
        "Linear",
        SPAN,
        "the parameter",
        True,
        dirty=STEP if dirty else None,
        mutated_at=mutated_at,
    )


def test_a_write_counts_only_for_saves_recorded_before_it() -> None:
    written = _record(mutated_at=10, dirty=True)
    assert written.written_after(5)  # a tensor holding saves from serial 5 on: modified
    assert not written.written_after(11)  # every save it holds came after the write
    unknown_time = _record(dirty=True)
    assert unknown_time.written_after(NO_SAVES)  # a write of unknown time: always counts


def test_a_joined_record_keeps_the_latest_write() -> None:
    early, late = _record(mutated_at=10, dirty=True), _record(mutated_at=20, dirty=True)
    assert early.joined(late).mutated_at == 20
    assert late.joined(early).mutated_at == 20
    assert early.joined(_record()).mutated_at == 10  # a clean generation changes nothing
    assert early.joined(_record(dirty=True)).mutated_at == -1  # unknown time wins


def test_tensors_know_how_old_their_saves_are() -> None:
    older, newer = next_serial(), next_serial()  # when two saves were recorded
    a = TensorVal(frozenset({("a",)}), Tri.YES, deps=frozenset({("k1",)}), deps_from=newer)
    b = TensorVal(frozenset({("b",)}), Tri.YES, deps=frozenset({("k2",)}), deps_from=older)
    fresh = TensorVal(frozenset({("c",)}), Tri.YES)
    assert saves_from(a, b, fresh) == older  # the oldest save among the inputs'
    assert saves_from(fresh) == NO_SAVES
    grown = plus_saves(fresh, {("k3",)})
    assert grown.deps == {("k3",)} and grown.deps_from > newer  # just recorded
    assert plus_saves(b, {("k3",)}).deps_from == older
    # saves joined in without saying their age: assumed as old as any
    assert a.with_(deps=a.deps | b.deps).deps_from == 0
    assert a.with_(deps=frozenset()).deps_from == newer  # fewer saves: still no older
