"""A short counted loop (`for i in range(2):` with known bounds, no return or raise in it) that
builds names from its index, or branches on it, is run once per index with the index known:
the names (`f"fc{i}"`, `"conv" + str(i)` in `setattr`, `add_module`, `getattr`) then name the
layer each round registers or calls, instead of an unknown one after the first round, and
`if i == 0:` builds the first level apart from the others; a generator's loop that yields is
run once per index too (its values are then known one by one). A loop of one round is run once
(its fixed point would join a list it grows with the list as it was). Other counted loops keep
their fixed point (unrolling them would cost time and tell nothing more)."""

from __future__ import annotations

import ast
import weakref
from collections.abc import Callable

from ..state import State
from ..values import ConstVal, Value
from .generators import yields_in
from .loop_bounds import indexes_by, range_values

# more rounds than this are left to the loop's fixed point
MAX_UNROLLED = 4
# ... except a one-statement body that picks a layer by the index (`for k in range(23): x =
# self.vgg[k](x)`, SSD's VGG trunk up to conv4_3): each layer is known, one per round
MAX_UNROLLED_INDEXING = 32


def known_range(
    loop: ast.For | ast.AsyncFor | ast.While,
    state: State,
    eval_quiet: Callable[[ast.expr, State], Value],
) -> range | None:
    """The numbers of `for _ in range(...)` when its bounds are known ints (literals, or
    names and attributes holding them); None otherwise."""
    if not isinstance(loop, (ast.For, ast.AsyncFor)):
        return None
    return range_values(loop.iter, state, eval_quiet)  # `n`, `len(self.layers) - 1`


def range_rounds(
    loop: ast.For | ast.AsyncFor, state: State, eval_quiet: Callable[[ast.expr, State], Value]
) -> list[Value] | None:
    """The indices of `for i in range(...)` when its bounds are known numbers giving at most
    MAX_UNROLLED rounds and its body has no return or raise."""
    if loop.orelse or not isinstance(loop.target, ast.Name):
        return None
    indices = known_range(loop, state, eval_quiet)
    if indices is None or not 0 < len(indices) <= MAX_UNROLLED_INDEXING:
        return None
    if len(indices) > MAX_UNROLLED and not (
        len(loop.body) == 1 and _unrolls(loop) and indexes_by(loop, loop.target.id)
    ):
        return None
    if not _unrolls(loop) and not (len(indices) == 1 and not _leaves_early(loop)):
        return None  # one round is run as one round: nothing is joined with not running it
    return [ConstVal(i) for i in indices]


def _unrolls(loop: ast.For | ast.AsyncFor) -> bool:
    """Nothing leaves the body early, and something in it depends on the index (read from
    the loop's text once)."""
    found = _UNROLLS.get(loop)
    if found is None:
        index = loop.target.id if isinstance(loop.target, ast.Name) else ""
        found = not _leaves_early(loop) and (
            _names_from_index(loop, index)
            or _tests_index(loop, index)
            or indexes_by(loop, index)
            or yields_in(loop)  # a generator's values, one per round (generators.py)
            or _collects(loop)
        )
        _UNROLLS[loop] = found
    return found


_UNROLLS: weakref.WeakKeyDictionary[ast.AST, bool] = weakref.WeakKeyDictionary()


def _names_from_index(loop: ast.For | ast.AsyncFor, index: str) -> bool:
    """Does the body build a name from the index (an f-string or a `%`/`format` of it)?"""
    for stmt in loop.body:
        for node in ast.walk(stmt):
            parts: list[ast.AST] = []
            if isinstance(node, ast.JoinedStr):
                parts = list(node.values)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                parts = [node.right]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                parts = [  # `"conv" + str(i)`
                    side
                    for side in (node.left, node.right)
                    if isinstance(side, ast.Call)
                    and isinstance(side.func, ast.Name)
                    and side.func.id == "str"
                ]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
            ):
                parts = list(node.args)
            for part in parts:
                if any(isinstance(n, ast.Name) and n.id == index for n in ast.walk(part)):
                    return True
    return False


def _collects(loop: ast.For | ast.AsyncFor) -> bool:
    """Does the body add to a list each round (`self.particles.append(policy)`)? A loop
    building one agent, model or optimizer per round (an ensemble, SVPG's particles) keeps
    each apart: run to a fixed point, the rounds' objects would be one, and the second agent's
    optimizer would step the first agent's weights."""
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "append"
        and isinstance(node.func.value, (ast.Name, ast.Attribute))
        and len(node.args) == 1
        for stmt in loop.body
        for node in ast.walk(stmt)
    )


def _tests_index(loop: ast.For | ast.AsyncFor, index: str) -> bool:
    """Does the body branch on the index (`if i == 0:`, `if i < n - 1:`)? Each round then
    takes its own branch instead of both (the first level built apart from the others)."""
    return any(
        isinstance(node, (ast.If, ast.IfExp))
        and any(isinstance(n, ast.Name) and n.id == index for n in ast.walk(node.test))
        for stmt in loop.body
        for node in ast.walk(stmt)
    )


def _leaves_early(loop: ast.For | ast.AsyncFor) -> bool:
    """`return` or `raise` in the body (`continue`/`break` paths are followed round by
    round)."""
    return any(
        isinstance(node, (ast.Return, ast.Raise)) for stmt in loop.body for node in ast.walk(stmt)
    )
