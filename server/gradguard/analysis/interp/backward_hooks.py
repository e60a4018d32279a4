"""Module backward hooks that make views: a module with a full backward hook
(`module.register_full_backward_hook(hook)`) or a backward pre-hook
(`module.register_full_backward_pre_hook(hook)`), or any module once a global one is registered
(`torch.nn.modules.module.register_module_full_backward_hook(hook)` / `..._pre_hook`), runs
its positional tensor inputs, and then its output, through torch's `BackwardHookFunction`, a
custom autograd.Function that returns them as they are: views made inside a custom Function.
Writing one in place with grad mode on raises there ('Output 0 of BackwardHookFunction is a
view and is being modified inplace. This view was created inside a custom Function ...'):
`ReLU(inplace=True)` after a hooked layer, `F.relu(self.fc(x), inplace=True)`, an in-place
write in a hooked module's forward to its input.

Verified on torch 2.13 CPU (each in its own process):
- full backward hooks and backward pre-hooks, per module or global, wrap; the old
  `register_backward_hook` (and its global form) does not; a removed hook does not;
- inputs are wrapped when one of the positional tensor arguments requires grad (keyword
  arguments are not), the output when it (or a tensor of a returned tuple) does, and only
  with grad mode on: a call under `no_grad` wraps nothing; a tensor that does not require
  grad can be written in place;
- a list or dict returned is not wrapped; a tuple of two tensors that require grad gives two
  views of one multi-output Function (writing one raises the multi-output view error);
- views of a wrapped tensor (`y.view(-1)`, `y[0]`) raise too; its `clone()` or `detach()`
  does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..findings import Related, Span
from ..state import State
from ..values import ConstVal, ModuleObj, TensorVal, Tri, TupleVal, Value

BACKWARD_HOOK_FN = "BackwardHookFunction"

# methods of a module that register a hook which wraps its calls
HOOK_METHODS = frozenset({"register_full_backward_hook", "register_full_backward_pre_hook"})

# the global registrations (every module's calls from then on), as imports.canonical names
# them (`torch.nn.modules.module.register_module_full_backward_hook`)
GLOBAL_HOOKS = frozenset(
    {
        "torch.nn.register_module_full_backward_hook",
        "torch.nn.register_module_full_backward_pre_hook",
    }
)

_HEAP_NAME = "<full backward hook>"


class _AllModules:
    """The heap key's object for a hook registered for every module."""

    def __repr__(self) -> str:
        return "<all modules>"


_ALL = _AllModules()
_REMOVED = ConstVal(None)  # a removed hook's entry


@dataclass(frozen=True, eq=False)
class HookHandle:
    """What a registration returns (torch's RemovableHandle): `handle.remove()` ends it."""

    key: tuple[object, str]


def register(state: State, module: ModuleObj | None, span: Span, text: str, how: str) -> ConstVal:
    """Record, on this flow, where a hook that wraps calls was registered (`module` None: the
    global registration); the handle the registration returns."""
    text = text if len(text) <= 80 else f"{text[:77]}..."
    what = (
        f"`{text}` registers a {how}: every call of the module"
        if module
        else (f"`{text}` registers a {how} for every module: each call")
    )
    related = Related(
        span,
        f"{what} passes its inputs and output through BackwardHookFunction, a custom "
        f"autograd.Function that returns them as views",
        "",
        "",
    )
    key = (module if module is not None else _ALL, _HEAP_NAME)
    state.own_heap()[key] = ConstVal(related)
    return ConstVal(HookHandle(key))


def remove(state: State, handle: object) -> None:
    """`handle.remove()`: that hook no longer wraps calls. A handle the analysis does not
    hold one by one (`for h in self.handles: h.remove()` over a list it lost track of) may
    be any of them: every backward hook is taken to be removed (a missed error rather than a
    false one)."""
    keys = (
        [handle.key]
        if isinstance(handle, HookHandle)
        else [k for k in state.heap if isinstance(k, tuple) and len(k) == 2 and k[1] == _HEAP_NAME]
    )
    for key in keys:
        # not deleted: a join with a path where the hook is still on (a loop over the handles
        # that might run no round) would bring it back; "removed or not" wraps nothing
        state.own_heap()[key] = _REMOVED


def hook_of(module: ModuleObj, state: State) -> Related | None:
    """Where a hook that wraps this module's calls was registered (its own, else a global one),
    or None."""
    for key in ((module, _HEAP_NAME), (_ALL, _HEAP_NAME)):
        found = state.heap.get(key)
        if isinstance(found, ConstVal) and isinstance(found.value, Related):
            return found.value
    return None


def wrap_inputs(module: ModuleObj, args: Sequence[Value], state: State) -> list[Value]:
    """The positional arguments the module's forward gets when its calls are wrapped."""
    return _wrapped(args, hook_of(module, state), state)


def wrap_output(module: ModuleObj, out: Value, state: State) -> Value:
    """What a call of the module returns when its calls are wrapped: a tensor, or the tensors
    of a returned tuple (a list or dict passes as it is)."""
    hook = hook_of(module, state)
    if hook is None:
        return out
    if isinstance(out, TensorVal):
        return _wrapped([out], hook, state)[0]
    if isinstance(out, TupleVal):
        return TupleVal(tuple(_wrapped(out.items, hook, state)))
    return out


def _wrapped(values: Sequence[Value], hook: Related | None, state: State) -> list[Value]:
    out = list(values)
    if hook is None or state.grad == Tri.NO or state.inference_mode:
        return out
    # the tensors that may require grad: those are the Function's differentiable outputs
    # (one that does not is marked non-differentiable and can still be written in place)
    index = [i for i, v in enumerate(values) if isinstance(v, TensorVal) and v.rg != Tri.NO]
    kind = "multi" if len(index) > 1 else "custom_fn"
    for i in index:
        value = values[i]
        assert isinstance(value, TensorVal)
        out[i] = value.with_(
            is_view=True, view_kind=kind, view_op=BACKWARD_HOOK_FN, view_node=None, hooked=hook
        )
    return out
