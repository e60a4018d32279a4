"""`module.buffers()` / `module.named_buffers()`: the module's and its submodules' buffers, one
by one (a torch layer's running statistics, and what `register_buffer` registered on a user
module; plain tensor attributes are not buffers). A pass over them (`for name, buf in
m.named_buffers(): buf[..., :n].mul_(s)`) then writes each buffer, so one registered from a
tensor that requires grad is a leaf written in place."""

from __future__ import annotations

from collections.abc import Callable

from ..values import ConstVal, ModuleObj, TensorVal, TupleVal, Value
from .helpers import _submodules

# more buffers than this are not listed one by one
MAX_LISTED = 16


def buffers_of(
    root: ModuleObj, get_attr: Callable[[ModuleObj, str], Value | None]
) -> list[tuple[str, TensorVal]] | None:
    """(name, value) of each buffer, submodules first as `named_buffers` walks them with
    their dotted names; None when there are too many to list."""
    found: list[tuple[str, TensorVal]] = []
    prefixes = _prefixes(root)
    for sub in _submodules(root):
        torch_layer = sub.cls is None and not sub.generic
        for name in list(sub.attrs):
            if not (name in sub.buffers or torch_layer):
                continue
            value = get_attr(sub, name)
            if isinstance(value, TensorVal) and not value.param:
                found.append((prefixes.get(id(sub), "") + name, value))
    return found if len(found) <= MAX_LISTED else None


def listed_buffers(
    root: ModuleObj, named: bool, get_attr: Callable[[ModuleObj, str], Value | None]
) -> Value | None:
    """What `buffers()` / `named_buffers()` give, as a tuple the loop over it unrolls."""
    found = buffers_of(root, get_attr)
    if found is None:
        return None
    if named:
        return TupleVal(tuple(TupleVal((ConstVal(name), value)) for name, value in found))
    return TupleVal(tuple(value for _, value in found))


def _prefixes(root: ModuleObj) -> dict[int, str]:
    """The dotted name prefix of each submodule reached through a named attribute."""
    out: dict[int, str] = {id(root): ""}
    todo = [root]
    while todo and len(out) < 64:
        mod = todo.pop()
        for name, value in mod.attrs.items():
            if isinstance(value, ModuleObj) and id(value) not in out:
                out[id(value)] = f"{out[id(mod)]}{name}."
                todo.append(value)
    return out
