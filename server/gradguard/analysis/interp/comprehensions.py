"""A list comprehension over a few elements known one by one (a container's layers, a tuple)
whose filters settle for each element is run element by element: `[Pruner(m) for m in model
if isinstance(m, nn.Linear)]` is the pruners of the two Linear layers, each built from its
own layer, not one pruner of "some layer"."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ..state import State
from ..values import ConstVal, TupleVal, Value
from .base import InterpreterBase
from .helpers import _known_items, _truth
from .loop_bounds import range_values

# a comprehension repeating a plain value over a known range longer than this stays unknown
MAX_REPEATED = 16
# nor one making tensors (a list of batches) over more elements than this
MAX_DATA_ITEMS = 8


class Comprehensions(InterpreterBase):
    def eval_comprehension(
        self, node: ast.ListComp | ast.GeneratorExp | ast.SetComp, state: State, stmt: ast.stmt
    ) -> Value:
        unrolled = self._unrolled_comprehension(node, state, stmt)
        if unrolled is not None:
            return unrolled
        return super().eval_comprehension(node, state, stmt)  # type: ignore[safe-super]

    def _makes_data(self, elt: ast.expr) -> bool:
        """The element is made of tensors from torch's factories and plain values (a
        batch, a tuple or dict of them): nothing in it builds a layer or runs user code."""
        parts = (
            [*elt.elts]
            if isinstance(elt, (ast.Tuple, ast.List))
            else [v for v in elt.values if v is not None]
            if isinstance(elt, ast.Dict)
            else [elt]
        )
        made = False
        for part in parts:
            if isinstance(part, (ast.Tuple, ast.List, ast.Dict)):
                if not self._makes_data(part):
                    return False
                made = True
            elif _data_call(part, self.imports.qualify) or (
                isinstance(part, ast.ListComp) and self._makes_data(part.elt)
            ):
                made = True
            elif not isinstance(part, (ast.Constant, ast.Name)):
                return False
        return made

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
        unpacked = self._unpacked_count(node)
        if len(node.generators) != 1 or not (
            isinstance(node, ast.ListComp)
            or ((eager or unpacked is not None) and isinstance(node, ast.GeneratorExp))
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
        if items is None and self._makes_data(node.elt):
            # `[(torch.randn(2, 3), torch.randint(0, 4, (2,))) for _ in range(3)]`: a batch
            # list of known length, so that `enumerate(loader, start=1)` counts known steps
            numbers = range_values(gen.iter, probe, self.eval_quiet)
            if numbers is not None and 0 < len(numbers) <= MAX_DATA_ITEMS:
                items = [ConstVal(i) for i in numbers]
        if items is None and unpacked is not None:
            # `qf1, qf2, target_qf1, target_qf2 = (Mlp(...) for _ in range(4))`: each name
            # gets its own element (its own layers), not one network standing for all four
            numbers = range_values(gen.iter, probe, self.eval_quiet)
            if numbers is not None and len(numbers) == unpacked:
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

    def _unpacked_count(self, node: ast.expr) -> int | None:
        """How many names the statement running it unpacks the comprehension into
        (`a, b = (Net() for _ in range(2))`), if it does."""
        stmt = self.current_stmt
        if (
            isinstance(stmt, ast.Assign)
            and stmt.value is node
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], (ast.Tuple, ast.List))
            and not any(isinstance(e, ast.Starred) for e in stmt.targets[0].elts)
            and len(stmt.targets[0].elts) <= MAX_REPEATED
        ):
            return len(stmt.targets[0].elts)
        return None


def _data_call(node: ast.expr, qualify: Callable[[ast.expr], str | None]) -> bool:
    """A call of a torch function that makes a tensor (not a layer of torch.nn)."""
    if not isinstance(node, ast.Call):
        return False
    name = qualify(node.func) or ""
    return name.startswith("torch.") and not name.startswith("torch.nn.")


def _fresh_display(node: ast.expr) -> bool:
    """An empty list, dict or set display: each evaluation makes a new object."""
    if isinstance(node, (ast.List, ast.Set)):
        return not node.elts
    if isinstance(node, ast.Dict):
        return not node.keys
    return False
