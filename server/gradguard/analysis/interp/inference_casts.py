"""A module cast to another dtype under inference_mode (`model.half()`, `.double()`,
`.bfloat16()`, `.to(torch.float16)` in a `@torch.inference_mode()` validation function):
`Module._apply` sets every parameter's data (and each floating buffer's) to the converted
tensor, made in inference mode, so from then on the parameters are inference tensors and the
next training forward cannot save them (torch 2.13: 'Inference tensors cannot be saved for
backward'). `.float()` is left alone: on a float32 model it converts nothing."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ..state import State
from ..values import ModuleObj, TensorVal
from .helpers import _submodules

# module methods that convert floating tensors to a dtype other than float32
_CASTS = frozenset({"half", "bfloat16", "double"})
_DTYPES = frozenset(
    {"torch.float16", "torch.half", "torch.bfloat16", "torch.float64", "torch.double"}
)
# floating buffers of torch layers that `_apply` converts with the parameters
_FLOAT_BUFFERS = ("running_mean", "running_var")


def casts_dtype(name: str, node: ast.Call, qualify: Callable[[ast.expr], str | None]) -> bool:
    """`m.half()`, `m.double()`, `m.bfloat16()`, `m.to(torch.float16)`,
    `m.to(dtype=torch.float64)`, `m.type(torch.float16)`."""
    if name in _CASTS:
        return True
    if name not in ("to", "type"):
        return False
    given = [*node.args, *(k.value for k in node.keywords if k.arg in ("dtype", "dst_type"))]
    return any(qualify(arg) in _DTYPES for arg in given)


def mark_inference_params(
    root: ModuleObj, state: State, get_attr: Callable[[ModuleObj, str], object]
) -> None:
    """Every parameter (and floating layer buffer) of `root` and its submodules is an
    inference tensor from here on, in this flow."""
    heap = state.own_heap()
    for sub in _submodules(root):
        for name in list(sub.attrs):
            value = get_attr(sub, name)
            if not isinstance(value, TensorVal) or value.inference:
                continue
            if value.param or (sub.cls is None and name in _FLOAT_BUFFERS):
                heap[(sub, name)] = value.with_(inference=True)
