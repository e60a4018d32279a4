"""Which names a loop body reads before writing them: what lets the interpreter skip a loop's
confirming second round (see interp/loop_reads.py)."""

from __future__ import annotations

import ast
import textwrap

from gradguard.analysis.interp.loop_reads import exposed_reads


def _loop(code: str) -> ast.For | ast.While:
    node = ast.parse(textwrap.dedent(code)).body[0]
    assert isinstance(node, (ast.For, ast.While))
    return node


def test_loop_variable_and_temporaries_are_written_first() -> None:
    loop = _loop(
        """
        for x in xs:
            y = f(x)
            z = y + 1
            out.append(z)
        """
    )
    assert exposed_reads(loop) == {"f", "out"}


def test_an_accumulator_is_read_before_it_is_written() -> None:
    loop = _loop(
        """
        for x in xs:
            total += x
            h = g(h, x)
        """
    )
    assert exposed_reads(loop) == {"total", "g", "h"}


def test_a_write_on_one_branch_only_leaves_later_reads_exposed() -> None:
    loop = _loop(
        """
        while True:
            if cond:
                state = init()
            else:
                other = 1
            use(state, other)
        """
    )
    reads = exposed_reads(loop)
    assert reads is not None
    assert {"state", "other", "cond", "init", "use"} <= reads


def test_writes_on_both_branches_count() -> None:
    loop = _loop(
        """
        for i in range(3):
            if i:
                a = 1
            else:
                a = 2
            b = a
        """
    )
    assert exposed_reads(loop) == set()  # the iterable is evaluated outside the body


def test_attribute_and_subscript_targets_read_their_base() -> None:
    loop = _loop(
        """
        for i in idx:
            self.h = f(i)
            buf[i] = 0
        """
    )
    assert exposed_reads(loop) == {"self", "f", "buf"}


def test_an_inner_loop_may_not_run() -> None:
    loop = _loop(
        """
        for batch in data:
            for t in batch:
                last = t
            keep(last)
        """
    )
    reads = exposed_reads(loop)
    assert reads is not None and "last" in reads


def test_reads_that_cannot_be_bounded() -> None:
    assert exposed_reads(_loop("for x in xs:\n    global g\n    g = x\n")) is None
    assert exposed_reads(_loop("for x in xs:\n    print(locals())\n")) is None


def test_a_nested_function_reads_when_called() -> None:
    loop = _loop(
        """
        for x in xs:
            def later():
                return acc
            acc = later()
        """
    )
    reads = exposed_reads(loop)
    assert reads is not None and "acc" in reads
