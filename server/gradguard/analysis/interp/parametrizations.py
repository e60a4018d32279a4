"""Reparametrized module tensors: `spectral_norm(layer)`, `weight_norm(layer)` (the old hook
based `torch.nn.utils` forms and the `torch.nn.utils.parametrizations` ones),
`parametrizations.orthogonal(layer)` and `parametrize.register_parametrization(layer, name, P())`
replace a parameter the layer's forward reads by a tensor computed from it at every call.
What that computation keeps for backward is kept by every forward through the layer, whatever
its input: an optimizer step (or any in-place write) on the original parameter between two
backwards through one forward fails the second.

Verified on torch 2.13 CPU (a Linear's weight reparametrized, its input not requiring grad, a
backward with retain_graph=True, an in-place write to one parameter under no_grad, a second
backward), train and eval mode alike:
- `spectral_norm` (`weight_orig / sigma`) keeps `weight_orig`; `parametrizations.spectral_norm`
  keeps `parametrizations.weight.original`: the second backward raises;
- `weight_norm` keeps `weight_g` and `weight_v`, `parametrizations.weight_norm` `original0` and
  `original1`: it raises;
- `parametrizations.orthogonal` keeps nothing the write changes: it runs;
- a user parametrization keeps what its forward keeps (`X * X` keeps X: raises; `X * 2` and a
  triangular symmetrisation do not);
- the bias (not reparametrized) is never kept that way.

The original parameter stays the module's parameter here (`weight_orig` is the very Parameter
`weight` was; the others are new ones in its place): an optimizer over `parameters()` steps it.
While the module runs, reading the name gives the computed tensor; a layer that keeps its
weight for backward (a Linear whose input requires grad) keeps that fresh tensor, not the
parameter.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager

from ..state import State
from ..values import (
    UNKNOWN,
    ConstVal,
    ModuleObj,
    Origin,
    TensorVal,
    Tri,
    Value,
    plus_saves,
    saves_from,
)
from .base import InterpreterBase

# wrapper -> what its computation keeps of the original: "divides" (it is kept), "keeps
# nothing" (orthogonal), "user" (the parametrization module given as third argument)
WRAPPERS = {
    "torch.nn.utils.spectral_norm": "spectral_norm",
    "torch.nn.utils.spectral_norm.spectral_norm": "spectral_norm",
    "torch.nn.utils.weight_norm": "weight_norm",
    "torch.nn.utils.weight_norm.weight_norm": "weight_norm",
    "torch.nn.utils.parametrizations.spectral_norm": "spectral_norm",
    "torch.nn.utils.parametrizations.weight_norm": "weight_norm",
    "torch.nn.utils.parametrizations.orthogonal": "orthogonal",
    "torch.nn.utils.parametrize.register_parametrization": "user",
}
KEEPS_ORIGINAL = frozenset({"spectral_norm", "weight_norm"})
# undo a wrapper: the module's forward reads the parameter itself again
REMOVERS = frozenset(
    {
        "torch.nn.utils.remove_spectral_norm",
        "torch.nn.utils.spectral_norm.remove_spectral_norm",
        "torch.nn.utils.remove_weight_norm",
        "torch.nn.utils.weight_norm.remove_weight_norm",
        "torch.nn.utils.parametrize.remove_parametrizations",
    }
)


def _name_arg(args: list[Value], kwargs: dict[str, Value], key: str) -> str | None:
    value = kwargs.get(key, args[1] if len(args) > 1 else ConstVal("weight"))
    return value.value if isinstance(value, ConstVal) and isinstance(value.value, str) else None


def register(
    interp: InterpreterBase, qual: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """The wrapper call `qual(module, ...)`: the module, from now on reparametrized."""
    mod = args[0] if args else kwargs.get("module")
    if not isinstance(mod, ModuleObj):
        return UNKNOWN
    if qual in REMOVERS:
        name = _name_arg(args, kwargs, "tensor_name" if "parametrize" in qual else "name")
        interp._touch(mod)
        if name is None:
            mod.reparams.clear()
        else:
            mod.reparams.pop(name, None)
        return mod
    how = WRAPPERS[qual]
    key = "tensor_name" if how == "user" else "name"
    name = _name_arg(args, kwargs, key)
    if name is None:
        return mod
    step: object = how
    if how == "user":
        given = kwargs.get("parametrization", args[2] if len(args) > 2 else UNKNOWN)
        step = given if isinstance(given, ModuleObj) else "unknown"
    interp._touch(mod)
    mod.reparams.setdefault(name, []).append(step)
    return mod


@contextmanager
def reparametrized(
    interp: InterpreterBase, mod: ModuleObj, node: ast.AST, state: State
) -> Iterator[None]:
    """While `mod` runs (called at `node`), each reparametrized name reads the tensor computed
    from its original; what that computation keeps is recorded as kept by this call."""
    if not mod.reparams:
        yield
        return
    previous: dict[str, Value | None] = {}
    for name, steps in mod.reparams.items():
        original = interp.get_attr(mod, name, state)
        if not isinstance(original, TensorVal):
            continue
        previous[name] = state.heap.get((mod, name))
        state.own_heap()[(mod, name)] = _computed(interp, mod, name, steps, original, node, state)
    try:
        yield
    finally:
        heap = state.own_heap()
        for name, old in previous.items():
            if old is None:
                heap.pop((mod, name), None)
            else:
                heap[(mod, name)] = old


def _computed(
    interp: InterpreterBase,
    mod: ModuleObj,
    name: str,
    steps: list[object],
    original: TensorVal,
    node: ast.AST,
    state: State,
) -> TensorVal:
    kind = mod.kind.split(".")[-1]
    current = original
    for index, step in enumerate(steps):
        rg = Tri.NO if state.grad == Tri.NO else current.rg
        sid = (*interp.site(node), "reparam", name, index)
        if isinstance(step, ModuleObj) and step.cls is not None and "forward" in step.cls.methods:
            result = interp._invoke(step.cls.methods["forward"], [current], {}, node, state, step)
            if isinstance(result, TensorVal):
                current = result
                continue
        out = TensorVal(
            sids=frozenset({sid}),
            rg=rg,
            deps=current.deps if rg != Tri.NO else frozenset(),
            deps_from=saves_from(current),
            origin=Origin(f"{step if isinstance(step, str) else 'parametrization'}", mod.span),
        )
        if step in KEEPS_ORIGINAL and rg != Tri.NO and current.rg != Tri.NO:
            what = (
                f"the original of the parameter `{kind}.{name}`"
                if current.param
                else "its original"
            )
            certain = state.grad == Tri.YES and current.rg == Tri.YES
            interp._record_save(
                state,
                sid,
                current.sids,
                str(step),
                node,
                what,
                certain,
                param=current.param,
                clonable=False,
            )
            out = plus_saves(out, {sid})
        current = out
    return current
