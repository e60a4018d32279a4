"""Whether a caller can see an in-place write to a parameter (analysis/caller_sites.py): the
proof that makes the out-of-place rewrite inside a called function safe. Each source here is
checked for the proof itself; the suite's cases run the rewritten code under torch."""

from __future__ import annotations

import ast

from gradguard.analysis.caller_sites import callers_never_see, written_parameter


def _proved(source: str, line: int, name: str) -> bool:
    tree = ast.parse(source)
    stmt = next(n for n in ast.walk(tree) if isinstance(n, ast.stmt) and n.lineno == line)
    func = written_parameter(tree, stmt, name)
    return func is not None and callers_never_see(tree, func, name)


HELPER = """def f(x, m):
    x *= m
    return x
"""


def test_temporaries_at_every_call_are_unseen() -> None:
    assert _proved(HELPER + "a = f(g(1), 2)\nb = f(a * 2, 3)\n", 2, "x")


def test_a_name_read_after_the_call_is_seen() -> None:
    assert not _proved(HELPER + "a = g(1)\nb = f(a, 2)\nprint(a)\n", 2, "x")


def test_a_name_rebound_from_the_call_is_unseen() -> None:
    assert _proved(HELPER + "a = g(1)\na = f(a, 2)\nprint(a)\n", 2, "x")


def test_a_name_read_by_the_next_round_of_a_loop_is_seen() -> None:
    loop = "a = g(1)\nfor i in range(3):\n    h(a)\n    b = f(a, 2)\n"
    assert not _proved(HELPER + loop, 2, "x")


def test_an_alias_made_before_the_call_is_seen() -> None:
    assert not _proved(HELPER + "a = g(1)\nkeep = [a]\nb = f(a, 2)\n", 2, "x")


def test_a_function_passed_around_has_call_sites_not_found() -> None:
    assert not _proved(HELPER + "a = f(g(1), 2)\nhooks = [f]\n", 2, "x")


def test_a_parameter_rebound_before_the_write_is_not_the_callers() -> None:
    source = "def f(x, m):\n    x = x + 1\n    x *= m\n    return x\n"
    tree = ast.parse(source)
    stmt = tree.body[0].body[1]  # type: ignore[attr-defined]
    assert written_parameter(tree, stmt, "x") is None


def test_the_callers_own_parameter_asks_its_callers() -> None:
    outer = "def outer(y):\n    return f(y, 2)\n"
    assert _proved(HELPER + outer + "z = outer(g(1))\n", 2, "x")
    assert not _proved(HELPER + outer + "a = g(1)\nz = outer(a)\nprint(a)\n", 2, "x")


MODULES = """class Block:
    def forward(self, h, keep=None):
        h *= keep
        return h


class Net:
    def __init__(self):
        self.block = Block()

    def forward(self, x):
        h = g(x)
        {call}
        return h
"""


def test_a_module_forward_through_its_holders() -> None:
    assert _proved(MODULES.format(call="h = self.block(h, 2)"), 3, "h")
    assert not _proved(MODULES.format(call="out = self.block(h, 2) + h"), 3, "h")


def test_a_module_instance_kept_in_a_container_has_call_sites_not_found() -> None:
    source = MODULES.format(call="h = self.block(h, 2)") + "blocks = [Block()]\n"
    assert not _proved(source, 3, "h")


def test_a_name_passed_again_by_the_next_round_of_a_loop_is_seen() -> None:
    assert not _proved(HELPER + "a = g(1)\nfor i in range(3):\n    b = f(a, 2)\n", 2, "x")
    fresh = "for i in range(3):\n    a = g(i)\n    b = f(a, 2)\n"
    assert _proved(HELPER + fresh, 2, "x")
