"""Which of a site's save records some live value still reaches.

Why: the recency abstraction keeps one 'current' and one 'old' record per allocation site, and
joins every earlier generation into 'old'. After an optimizer step has changed what a past
generation saved, joining a fresh, clean generation into that dirty record makes the fresh
graph look modified too: a truncated-BPTT loop (`h = h.detach()` after `opt.step()`, with
`retain_graph=True`) then gets a false error at its next backward. A dirty record no live value
depends on can never be reached by a backward again: it is dropped before the join instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .values import (
    BoundMethod,
    DictVal,
    DistVal,
    ListObj,
    ModuleNsVal,
    ModuleObj,
    NumpyVal,
    SaveKey,
    SeqVal,
    Sid,
    TensorVal,
    TupleVal,
    Value,
)


class _Reach:
    """A walk over values that notes which of `wanted` (save keys) they depend on; a record
    of an output (`key[-1] == "out"`) is also reached through its tensor's storage, which a
    later in-place op on that tensor picks its history up from."""

    def __init__(
        self,
        wanted: Mapping[SaveKey, frozenset[Sid]],
        heap: Mapping[tuple[object, str], Value],
    ) -> None:
        self.heap = heap  # an attribute's value on this path, where it was set on it
        self.wanted = set(wanted)
        self.by_storage = {k: sids for k, sids in wanted.items() if k and k[-1] == "out"}
        self.found: set[SaveKey] = set()
        self.seen: set[int] = set()

    def done(self) -> bool:
        return len(self.found) == len(self.wanted)

    def storage(self, sids: frozenset[Sid]) -> None:
        for key, saved in self.by_storage.items():
            if key not in self.found and saved & sids:
                self.found.add(key)

    def value(self, v: object) -> None:
        if self.done():
            return
        if isinstance(v, TensorVal):
            if v.deps:
                self.found |= self.wanted & v.deps
            if self.by_storage:
                self.storage(v.sids | v.data_of)
        elif isinstance(v, TupleVal):
            for item in v.items:
                self.value(item)
        elif isinstance(v, SeqVal):
            self.value(v.elem)
        elif isinstance(v, DictVal):
            for _, item in v.items:
                self.value(item)
        elif isinstance(v, DistVal):
            self.found |= self.wanted & v.deps
        elif isinstance(v, NumpyVal):
            if self.by_storage:
                self.storage(v.data_of)
        elif isinstance(v, BoundMethod):
            self.value(v.obj)
        elif isinstance(v, (ListObj, ModuleObj, ModuleNsVal)):
            if id(v) in self.seen:
                return
            self.seen.add(id(v))
            if isinstance(v, ListObj):
                self.value(v.elem)
                for item in v.items:
                    self.value(item)
            elif isinstance(v, ModuleObj):
                heap = self.heap
                for name, attr in v.attrs.items():
                    # set on this path: the heap holds it (walked with the heap); the object's
                    # own record joins every value it ever had
                    if (v, name) not in heap:
                        self.value(attr)
                for child in v.children:
                    self.value(child)
                self.value(v.layer)
            else:
                env = getattr(v.scope, "env", None)
                if isinstance(env, dict):
                    self.scope(env)

    def modules(self, env: Mapping[str, Value]) -> None:
        for v in env.values():
            if isinstance(v, ModuleObj):
                self.value(v)
                if self.done():
                    return

    def scope(self, env: Mapping[str, Value]) -> None:
        for v in env.values():
            self.value(v)
            if self.done():
                return


def reached(
    wanted: Mapping[SaveKey, frozenset[Sid]],
    scopes: Iterable[Mapping[str, Value]],
    modules_in: Iterable[Mapping[str, Value]],
    heap: Mapping[tuple[object, str], Value],
) -> set[SaveKey]:
    """The keys of `wanted` (each with the storages it saved) that a value in `scopes`, a
    module object in `modules_in` (globals: their other values are read through the flow's own
    variables) or a value on the heap depends on or holds."""
    walk = _Reach(wanted, heap)
    for env in scopes:
        walk.scope(env)
        if walk.done():
            return walk.found
    for env in modules_in:
        walk.modules(env)
        if walk.done():
            return walk.found
    for v in heap.values():
        walk.value(v)
        if walk.done():
            break
    return walk.found
