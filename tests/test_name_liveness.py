"""Whether a variable is read again after a write (name_liveness): what lets an out-of-place
rewrite through one name stay safe when another name held the same tensor but is dead."""

from __future__ import annotations

import ast

from gradguard.analysis.name_liveness import dead_after


def _dead(source: str, line: int, names: list[str]) -> bool:
    tree = ast.parse(source)
    stmt = next(n for n in ast.walk(tree) if isinstance(n, ast.stmt) and n.lineno == line)
    return dead_after(tree, stmt, names)


REBOUND = """def f(source):
    features = g(source)
    x = features
    x += h(x)
    features, other = k(x)
    return features[:, 1:]
"""


def test_rebound_before_any_read_is_dead() -> None:
    assert _dead(REBOUND, 4, ["features"])


def test_read_later_is_live() -> None:
    src = REBOUND.replace("features, other = k(x)", "other = k(x) + features")
    assert not _dead(src, 4, ["features"])


def test_read_by_the_next_round_of_a_loop_is_live() -> None:
    src = """def f(xs):
    y = None
    for x in xs:
        if y is not None:
            use(y)
        y = x
        x += 1
    return 0
"""
    assert not _dead(src, 7, ["y"])


def test_read_after_a_conditional_rebinding_is_live() -> None:
    src = """def f(x, c):
    a = x
    x += 1
    if c:
        a = 0
    return a
"""
    assert not _dead(src, 3, ["a"])


def test_closure_and_module_names_are_live() -> None:
    closure = """def f(x):
    a = x
    x += 1
    def inner():
        return a
    return inner
"""
    assert not _dead(closure, 3, ["a"])
    module_level = "a = t\nb = a\nb += 1\n"
    assert not _dead(module_level, 3, ["a"])
