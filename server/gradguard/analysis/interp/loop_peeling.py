"""A loop that surely runs its body at least twice (`for batch in range(3):`, or over
`range(repeat)` with a known `repeat`, without a `break`, `return` or `raise`) has its first
round run on its own before the loop's fixed point: the second round then starts from what the
first left, not from that joined with the state before the loop. State carried across rounds
(`state = None` before the loop, `out, state = model(x, state)` in it) is then the tensor the
first round made in the second, not "None or that tensor"."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ..state import State
from .base import InterpreterBase
from .range_unroll import known_range


class LoopPeeling(InterpreterBase):
    def fixpoint(
        self,
        body: Callable[[State], State],
        state: State,
        loop: ast.For | ast.AsyncFor | ast.While,
    ) -> State:
        if state.alive and self._runs_twice(loop, state):
            state = body(state)
            state.alive = True
        return super().fixpoint(body, state, loop)  # type: ignore[safe-super]

    def _runs_twice(self, loop: ast.For | ast.AsyncFor | ast.While, state: State) -> bool:
        """`for _ in range(k)` whose bounds are known numbers (literals, or names and
        attributes holding them) giving two rounds or more, and nothing in the body that
        leaves the loop early."""
        if not isinstance(loop, ast.For) or loop.orelse:
            return False
        rounds = known_range(loop, state, self.eval_quiet)
        return rounds is not None and len(rounds) >= 2 and not _leaves_early(loop)


def _leaves_early(loop: ast.For) -> bool:
    return any(
        isinstance(node, (ast.Break, ast.Return, ast.Raise))
        for stmt in loop.body
        for node in ast.walk(stmt)
    )
