"""User optimizers deriving from `torch.optim.Optimizer` (SAM, Lookahead and the like):
`super().__init__(params, defaults)` gives the object `param_groups`, one dict holding the
parameters under "params" and the defaults, so a `@torch.no_grad()` step that walks
`for group in self.param_groups: for p in group["params"]: p.add_(e_w)` writes the model's
parameters (which a graph built before may have saved). An optimizer built from such groups
(`base_optimizer(self.param_groups, **kwargs)`) steps their parameters and hands the same
groups back as its `param_groups`."""

from __future__ import annotations

import ast

from ..state import State
from ..values import UNKNOWN, DictVal, ListObj, ModuleObj, SeqVal, TupleVal, Value
from .base import InterpreterBase
from .helpers import _known_items


class OptimizerBases(InterpreterBase):
    def derives_from_optimizer(self, obj: ModuleObj) -> bool:
        """The object's class (or a user base of it) names a torch optimizer class as a base."""
        cls = obj.cls
        if cls is None:
            return False
        for klass in (cls, *cls.bases):
            for base in klass.node.bases:
                qual = self.imports.qualify(base)
                if (
                    qual is not None
                    and qual.startswith("torch.optim.")
                    and qual.endswith("Optimizer")
                ):
                    return True
        return False

    def init_optimizer_base(
        self,
        obj: ModuleObj,
        node: ast.Call,
        args: list[Value],
        kwargs: dict[str, Value],
        state: State,
    ) -> None:
        """`super().__init__(params, defaults)`: one parameter group of those parameters (or
        the groups it was given)."""
        params = args[0] if args else kwargs.get("params", UNKNOWN)
        defaults = args[1] if len(args) > 1 else kwargs.get("defaults", UNKNOWN)
        groups = groups_of(params)
        if groups is None:
            elem = self.element_of(params, node.args[0] if node.args else node, state)
            options = defaults.items if isinstance(defaults, DictVal) else ()
            groups = TupleVal((DictVal((("params", SeqVal(elem)), *options)),))
        self.set_attr(obj, "param_groups", groups, state)
        if isinstance(defaults, DictVal):
            self.set_attr(obj, "defaults", defaults, state)


def groups_of(params: Value) -> TupleVal | None:
    """`params` given as parameter groups (a tuple or list of dicts with a "params" key)."""
    items = _known_items(params) if not isinstance(params, ListObj) else list(params.items)
    if not items or not all(isinstance(g, DictVal) and g.get("params") is not None for g in items):
        return None
    return TupleVal(tuple(items))


def params_of_groups(groups: TupleVal) -> Value:
    """What the groups' "params" hold (the optimizer steps each of them)."""
    parts = [g.get("params") for g in groups.items if isinstance(g, DictVal)]
    return TupleVal(tuple(p for p in parts if p is not None))
