"""User optimizers deriving from `torch.optim.Optimizer` (SAM, Lookahead and the like):
`super().__init__(params, defaults)` gives the object `param_groups`, one dict holding the
parameters under "params" and the defaults, so a `@torch.no_grad()` step that walks
`for group in self.param_groups: for p in group["params"]: p.add_(e_w)` writes the model's
parameters (which a graph built before may have saved). An optimizer built from such groups
(`base_optimizer(self.param_groups, **kwargs)`) steps their parameters and hands the same
groups back as its `param_groups`.

A user class deriving from a concrete torch optimizer (`class ClipAdam(torch.optim.Adam)`, or
`class ClipGradOptimizer(optimizer_type)` inside a factory given `Adam`) is that optimizer:
`super().__init__(params, ...)` (or the constructor itself, without an `__init__`) makes the
torch optimizer it holds, and `super().step()` in its own `step` (or `opt.step()` where it has
none) updates those parameters. The update is reported where the user's code calls the step
(`opt.step()`), the call a fix moves."""

from __future__ import annotations

import ast

from .. import torch_api as api
from ..modules import ModuleScope
from ..state import State
from ..values import (
    UNKNOWN,
    BoundMethod,
    ClassVal,
    ConstVal,
    DictVal,
    ListObj,
    ModuleObj,
    OptimizerVal,
    SeqVal,
    TorchFnVal,
    TupleVal,
    Value,
)
from .base import InterpreterBase
from .helpers import _known_items, _param_sids

# where the torch optimizer a user subclass holds is kept on its object
_HELD = "__torch_optimizer__"


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

    def optimizer_base(
        self, node: ast.ClassDef, bases: tuple[ClassVal, ...], state: State
    ) -> str | None:
        """The concrete torch optimizer class the class being defined derives from."""
        for base in node.bases:
            qual = self.imports.qualify(base)
            if qual is None and isinstance(base, ast.Name):
                held = state.env.get(base.id)  # a factory's parameter: the class it was given
                qual = held.qual if isinstance(held, TorchFnVal) else None
            if qual is not None and api.is_optimizer(qual) and not qual.endswith(".Optimizer"):
                return qual
        return next((b.torch_optimizer for b in bases if b.torch_optimizer), None)

    def construct(self, cls: ClassVal, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        if cls.torch_optimizer is None or any(
            "__init__" in klass.methods for klass in (cls, *cls.bases)
        ):
            return super().construct(cls, node, state, stmt)  # type: ignore[safe-super]
        # no `__init__` of its own: the torch optimizer's, given the arguments
        obj = ModuleObj(kind=cls.node.name, span=self.src.span(node), cls=cls)
        args, kwargs = self._eval_args(node, state, stmt)
        obj.attrs[_HELD] = self._held_optimizer(args, kwargs, node)
        return obj

    def call_super(self, name: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        func, owner, self_obj = self.super_receiver(state)
        if (
            owner is None
            or owner.torch_optimizer is None
            or not isinstance(self_obj, ModuleObj)
            or any(name in base.methods for base in owner.bases)
        ):
            return super().call_super(name, node, state, stmt)  # type: ignore[safe-super]
        if name == "__init__":
            args, kwargs = self._eval_args(node, state, stmt)
            self_obj.attrs[_HELD] = self._held_optimizer(args, kwargs, node)
            self._touch(self_obj)
            return ConstVal(None)
        held = self_obj.attrs.get(_HELD)
        if name in ("step", "zero_grad") and isinstance(held, OptimizerVal):
            frame = self.frames[-1]
            scope = frame.call_scope
            if (
                name == "step"
                and func is not None
                and getattr(func.node, "name", "") == "step"
                and isinstance(frame.call_node, ast.Call)
                and frame.call_stmt is not None
                and isinstance(scope, ModuleScope)
            ):
                # `super().step()` in the class's own `step`: the update happens at the call
                # of that step (`opt.step()` in the training code)
                self._eval_args(node, state, stmt)
                with self.in_scope(scope):
                    self.det.on_optimizer_step(held, frame.call_node, frame.call_stmt, state)
                return UNKNOWN
            return self.call_bound(BoundMethod(held, name), node, state, stmt)
        return super().call_super(name, node, state, stmt)  # type: ignore[safe-super]

    def call_bound(self, bm: BoundMethod, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        obj = bm.obj
        if (
            isinstance(obj, ModuleObj)
            and obj.cls is not None
            and bm.name not in obj.cls.methods
            and isinstance(obj.attrs.get(_HELD), OptimizerVal)
        ):  # `opt.step()` of a subclass that keeps the torch optimizer's step
            return super().call_bound(BoundMethod(obj.attrs[_HELD], bm.name), node, state, stmt)  # type: ignore[safe-super]
        return super().call_bound(bm, node, state, stmt)  # type: ignore[safe-super]

    def _held_optimizer(
        self, args: list[Value], kwargs: dict[str, Value], node: ast.Call
    ) -> OptimizerVal:
        params = args[0] if args else kwargs.get("params", UNKNOWN)
        groups = groups_of(params)
        if groups is not None:
            params = params_of_groups(groups)
        return OptimizerVal(_param_sids(params), self.src.span(node), groups=groups)

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
