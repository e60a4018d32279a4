"""A list comprehension over a few elements known one by one (a container's layers, a tuple)
whose filters settle for each element is run element by element: `[Pruner(m) for m in model
if isinstance(m, nn.Linear)]` is the pruners of the two Linear layers, each built from its
own layer, not one pruner of "some layer"."""

from __future__ import annotations

import ast

from ..state import State
from ..values import ConstVal, TupleVal, Value
from .base import InterpreterBase
from .helpers import _known_items, _truth
from .loop_bounds import range_values

# a comprehension repeating a plain value over a known range longer than this stays unknown
MAX_REPEATED = 16


class Comprehensions(InterpreterBase):
    def eval_comprehension(
        self, node: ast.ListComp | ast.GeneratorExp | ast.SetComp, state: State, stmt: ast.stmt
    ) -> Value:
        unrolled = self._unrolled_comprehension(node, state, stmt)
        if unrolled is not None:
            return unrolled
        return super().eval_comprehension(node, state, stmt)  # type: ignore[safe-super]

    def consumed_generator(
        self, node: ast.GeneratorExp, state: State, stmt: ast.stmt
    ) -> Value | None:
        """A generator expression consumed where it is written (`f(*(getattr(self, w) for w
        in names))`): run element by element like a list comprehension, where it can be."""
        return self._unrolled_comprehension(node, state, stmt, eager=True)

    def _unrolled_comprehension(
        self,
        node: ast.ListComp | ast.GeneratorExp | ast.SetComp,
        state: State,
        stmt: ast.stmt,
        eager: bool = False,
    ) -> Value | None:
        if len(node.generators) != 1 or not (
            isinstance(node, ast.ListComp) or (eager and isinstance(node, ast.GeneratorExp))
        ):
            return None
        gen = node.generators[0]
        if gen.is_async:
            return None
        probe = state.copy()
        items = _known_items(self.drained(self.eval(gen.iter, probe, stmt), gen.iter, probe))
        if items is None and (
            isinstance(node.elt, (ast.Name, ast.Constant, ast.Attribute))
            or _fresh_display(node.elt)
        ):
            # `[options for _ in range(n_layers - 1)]`: a value repeated a known number of times;
            # `[[] for _ in range(n_agents)]`: a new empty list each (one per agent, not shared)
            numbers = range_values(gen.iter, probe, self.eval_quiet)
            if numbers is not None and 0 < len(numbers) <= MAX_REPEATED:
                items = [ConstVal(i) for i in numbers]
        if items is None:
            return None
        kept: list[Value] = []
        for item in items:  # every filter must settle on every element, before any effect
            trial = probe.copy()
            self.bind(gen.target, item, trial, stmt)
            truths = [_truth(self.eval(cond, trial, stmt)) for cond in gen.ifs]
            if any(t is None for t in truths):
                return None
            if all(truths):
                kept.append(item)
        inner = probe
        out: list[Value] = []
        for index, item in enumerate(kept):
            # each element allocates apart (as an unrolled loop's passes do)
            self.call_stack.append(("comp", node.lineno, node.col_offset, index))
            try:
                self.bind(gen.target, item, inner, stmt)
                out.append(self.eval(node.elt, inner, stmt))
            finally:
                self.call_stack.pop()
        state.continue_from(inner)  # what the elements saved and wrote; not their names
        return TupleVal(tuple(out))


def _fresh_display(node: ast.expr) -> bool:
    """An empty list, dict or set display: each evaluation makes a new object."""
    if isinstance(node, (ast.List, ast.Set)):
        return not node.elts
    if isinstance(node, ast.Dict):
        return not node.keys
    return False
