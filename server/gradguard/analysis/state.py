"""The flow state at one program point: bindings, live saved tensors, grad mode.

Branches copy it and are joined afterwards; loops join until nothing changes. A saved tensor
becomes *dirty* when its version counter moves; joining keeps it dirty (a hazard on any path is a
hazard on that path).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import Any

from .findings import Span
from .values import (
    ClassVal,
    ConstVal,
    CtxVal,
    DictVal,
    FuncVal,
    ListObj,
    ModuleObj,
    SaveKey,
    SeqVal,
    Sid,
    TensorVal,
    TorchFnVal,
    Tri,
    TupleVal,
    Value,
    _Unknown,
    join_values,
    next_serial,
)

# The statements that led to an event, outermost first: each inlined call's statement in its
# caller (with that caller's file), then the statement that ran it. Two chains part at the
# function that called both events' paths (the common caller), where a fix can reorder them.
CallChain = tuple[tuple[str, ast.stmt], ...]


@dataclass(frozen=True)
class Mutation:
    """One in-place write: where, what, and the AST to rewrite for a fix."""

    span: Span
    desc: str  # "`y.mul_(2)`"
    op: str  # "mul_"
    certain: bool
    node: ast.AST | None = field(default=None, compare=False, hash=False)
    stmt: ast.stmt | None = field(default=None, compare=False, hash=False)
    kind: str = (
        "method"  # method | augassign | setitem | out | inplace_kw | module | step | init | call
    )
    inplace_span: Span | None = None  # for `module`: where `inplace=True` is written
    via: Span | None = None  # the user's call into the function where the write happened
    grad_off: bool = False  # ran with grad mode off: an out-of-place result would not require grad
    target_param: bool = False  # wrote a Parameter: rebinding its attribute is refused
    # wrote a field of a named tuple (`state.h.mul_(2)`): the field cannot be rebound
    frozen_holder: bool = False
    # wrote, inside a called function, a tensor its caller passed: an out-of-place rewrite
    # would rebind only the parameter, and the caller would no longer see the change
    caller_visible: bool = False
    # wrote a view, or a tensor another name also holds (`c = out.detach(); c.zero_()`): a
    # rewrite out of place would leave the other name unchanged (what is computed changes)
    aliased: bool = field(default=False, compare=False, hash=False)
    # (aliased only because other variables hold the tensor, not a view) those variables
    alias_names: tuple[str, ...] | None = field(default=None, compare=False, hash=False)
    # wrote a tensor a Python list, tuple or dict holds, through its index (`laterals[i] +=
    # up`): the element can be rebound to an out-of-place result instead
    element: bool = field(default=False, compare=False, hash=False)
    chain: CallChain = field(default=(), compare=False, hash=False)


# further in-place writes a saved tensor's record names after the first
_MAX_LATER = 8


@dataclass(frozen=True)
class SaveRecord:
    key: SaveKey
    sids: frozenset[Sid]
    op: str  # "sigmoid"
    span: Span
    what: str  # "its output" / "`w`"
    certain: bool  # the tensor that triggers the save surely requires grad
    exempt: bool = False  # saved_tensors_hooks active: autograd's own check is off
    allow_mutation: object = None  # the allow_mutation_on_saved_tensors() context it was saved in
    dirty: Mutation | None = None
    later: tuple[Mutation, ...] = ()  # further in-place writes after the first
    # the first writes on other paths, met at joins (`if ...: x[m1] = a  elif ...: x[m2] = b`)
    alts: tuple[Mutation, ...] = ()
    param: bool = False  # a parameter: optimizer.step() writes it
    clonable: bool = True  # the saving op is a call in the user's code (a `.clone()` fits)
    via: Span | None = None  # the user's call into the module/function where the save happened
    node: ast.AST | None = field(default=None, compare=False, hash=False)
    arg_node: ast.AST | None = field(default=None, compare=False, hash=False)
    chain: CallChain = field(default=(), compare=False, hash=False)
    # the parameters among the op's inputs: a backward through the op fills their `.grad`
    # (a layer called on an input that needs no grad saves the input, not its weight)
    fills: frozenset[Sid] = field(default=frozenset(), compare=False, hash=False)
    # the serial of the latest in-place write to it (-1: none seen): a tensor whose saves were
    # all recorded later (`TensorVal.deps_from`) did not see it, whatever earlier generation
    # of the site the record also stands for
    mutated_at: int = field(default=-1, compare=False, hash=False)

    @property
    def writes(self) -> tuple[Mutation, ...]:
        """Each in-place write a backward through it may meet: on this path in order, then
        the first writes of other paths joined into it."""
        if self.dirty is None:
            return ()
        return (self.dirty, *self.later, *(m for m in self.alts if m not in self.later))

    def written_after(self, since: int) -> bool:
        """Was it written in place after serial `since` (or at an unknown time)?"""
        return self.mutated_at < 0 or self.mutated_at >= since

    def joined(self, other: SaveRecord) -> SaveRecord:
        """This record standing also for `other` (the same key on another path or an earlier
        generation): the latest write to either counts."""
        if other.mutated_at > self.mutated_at and self.mutated_at >= 0:
            return replace(self, mutated_at=other.mutated_at)
        if other.dirty is not None and other.mutated_at < 0 <= self.mutated_at:
            return replace(self, mutated_at=-1)  # a write of unknown time
        return self


@dataclass
class State:
    env: dict[str, Value] = field(default_factory=dict)
    saves: dict[SaveKey, SaveRecord] = field(default_factory=dict)
    grad: Tri = Tri.YES
    inference_mode: bool = False
    allow_mutation: object = None  # id of the active allow_mutation_on_saved_tensors() context
    hooks: bool = False
    multi_dirty: dict[Sid, Mutation] = field(default_factory=dict)
    alive: bool = True
    allocated: set[Sid] = field(default_factory=set)
    # Attributes of module objects, flow-sensitively (the object's own `attrs` hold the
    # flow-insensitive join, used where this state has no entry).
    heap: dict[tuple[object, str], Value] = field(default_factory=dict)
    heap_owned: bool = True  # copy-on-write: branches share the heap until one writes to it
    # the same for what is saved and which sites allocated: most branches and loop rounds
    # change neither, and a join of two states that still share them is free
    saves_owned: bool = True
    allocated_owned: bool = True
    # parameters whose `.grad` is surely None: `zero_grad()` (set_to_none, the default) set it
    # so and no backward since can have reached them; `optimizer.step()` skips them
    grads_none: frozenset[Sid] = frozenset()

    def own_saves(self) -> dict[SaveKey, SaveRecord]:
        """What is saved, safe to write to (copied first if another state shares it)."""
        if not self.saves_owned:
            self.saves = dict(self.saves)
            self.saves_owned = True
        return self.saves

    def own_allocated(self) -> set[Sid]:
        """The allocated sites, safe to add to (copied first if another state shares them)."""
        if not self.allocated_owned:
            self.allocated = set(self.allocated)
            self.allocated_owned = True
        return self.allocated

    def own_heap(self) -> dict[tuple[object, str], Value]:
        """The heap, safe to write to (copied first if another state shares it)."""
        if not self.heap_owned:
            self.heap = dict(self.heap)
            self.heap_owned = True
        return self.heap

    def copy(self) -> State:
        self.heap_owned = self.saves_owned = self.allocated_owned = False
        return State(
            dict(self.env),
            self.saves,
            self.grad,
            self.inference_mode,
            self.allow_mutation,
            self.hooks,
            dict(self.multi_dirty),
            self.alive,
            self.allocated,
            self.heap,
            heap_owned=False,
            saves_owned=False,
            allocated_owned=False,
            grads_none=self.grads_none,
        )

    def sharing_flow(self) -> State:
        """A fresh namespace on the same flow (what is saved, the heap, grad mode): a called
        function's locals, an imported module's globals."""
        return State(
            env={},
            saves=self.saves,
            heap=self.heap,
            heap_owned=self.heap_owned,
            grad=self.grad,
            inference_mode=self.inference_mode,
            allow_mutation=self.allow_mutation,
            hooks=self.hooks,
            multi_dirty=self.multi_dirty,
            allocated=self.allocated,
            saves_owned=self.saves_owned,
            allocated_owned=self.allocated_owned,
            grads_none=self.grads_none,
        )

    def continue_from(self, out: State) -> None:
        """Take back the flow a `sharing_flow` namespace ran on (its bindings stay there).
        What it allocated and saved started as this state's and only grew."""
        self.allocated = out.allocated
        self.allocated_owned = out.allocated_owned
        self.saves = out.saves
        self.saves_owned = out.saves_owned
        self.multi_dirty = out.multi_dirty
        self.heap = out.heap
        self.heap_owned = out.heap_owned
        self.grads_none = out.grads_none

    def become(self, other: State) -> None:
        """Take over `other` whole (the join of paths this state forked into)."""
        self.__dict__.update(other.__dict__)

    def same_as(self, other: State, fresh_from: int | None = None, *, multi: bool = True) -> bool:
        """Equal flows. With `fresh_from` (a serial), the attributes of objects made since are
        not compared: a loop body that builds a new object each round (`block = Block()`)
        would otherwise never reach a fixed point, though what it reads next round is the same.
        `multi` False: the written bases of multi-output views are not compared (code that
        uses no such view never reads them)."""
        return self.env == other.env and self._same_besides_env(other, fresh_from, multi)

    def _same_besides_env(self, other: State, fresh_from: int | None, multi: bool) -> bool:
        return (
            self.saves == other.saves
            and self.grad == other.grad
            and (not multi or self.multi_dirty == other.multi_dirty)
            and self.alive == other.alive
            and self.grads_none == other.grads_none
            and (
                self.heap is other.heap
                or self.heap == other.heap
                or (
                    fresh_from is not None
                    and _older(self.heap, fresh_from) == _older(other.heap, fresh_from)
                )
            )
        )

    def names_changed_from(
        self, other: State, fresh_from: int | None = None, *, multi: bool = True
    ) -> set[str] | None:
        """The bindings that differ from `other`'s when nothing else of the flow does (what is
        saved, the heap, grad mode; `fresh_from` and `multi` as for `same_as`); None when
        something else does."""
        if not self._same_besides_env(other, fresh_from, multi):
            return None
        mine, theirs = self.env, other.env
        return {
            name
            for name in mine.keys() | theirs.keys()
            if name not in mine or name not in theirs or mine[name] != theirs[name]
        }

    def grads_set_by_backward(self, deps: frozenset[SaveKey]) -> None:
        """A backward through a graph with these saves fills the `.grad` of the parameters it
        reaches: those its ops saved or took as inputs (a layer called on an input that needs
        no grad saves only the input, yet fills its weight's `.grad`). A graph of which
        nothing is known may reach any."""
        if not self.grads_none:
            return
        if not deps:
            self.grads_none = frozenset()
            return
        reached: set[Sid] = set()
        for key in deps:
            rec = self.saves.get(key)
            if rec is not None:
                reached.update(rec.fills)
                if rec.param:
                    reached.update(rec.sids)
        self.grads_none = self.grads_none - reached

    def touch(self, sids: frozenset[Sid], mutation: Mutation) -> None:
        """Bump the version counter of `sids`: every live save of them turns dirty."""
        for key, rec in self.saves.items():
            if not rec.sids & sids:
                continue
            now = next_serial()
            if rec.dirty is None:
                rec = replace(rec, dirty=mutation, mutated_at=now)
            elif (
                mutation != rec.dirty and mutation not in rec.later and len(rec.later) < _MAX_LATER
            ):
                rec = replace(rec, later=(*rec.later, mutation), mutated_at=now)  # named too
            else:
                rec = replace(rec, mutated_at=now)
            self.own_saves()[key] = rec


def _older(
    heap: dict[tuple[object, str], Value], fresh_from: int
) -> dict[tuple[object, str], Value]:
    """The heap entries of objects made before serial `fresh_from`."""
    return {key: value for key, value in heap.items() if getattr(key[0], "serial", -1) < fresh_from}


def join_states(a: State, b: State) -> State:
    if not a.alive:
        return b.copy()
    if not b.alive:
        return a.copy()
    env: dict[str, Value] = {}
    for name in a.env.keys() | b.env.keys():
        if name in a.env and name in b.env:
            env[name] = join_values(a.env[name], b.env[name])
        elif "." in name:
            continue  # an attribute set on one path only: the object's own record holds both
        else:
            env[name] = a.env[name] if name in a.env else b.env[name]
    shared_saves = a.saves is b.saves
    saves = a.saves if shared_saves else _join_saves(a.saves, b.saves)
    multi = dict(a.multi_dirty)
    for sid, mut in b.multi_dirty.items():
        multi.setdefault(sid, mut)
    shared = a.heap is b.heap
    heap = a.heap if shared else _join_heaps(a.heap, b.heap)
    shared_allocated = a.allocated is b.allocated
    if shared_saves:
        a.saves_owned = b.saves_owned = False
    if shared_allocated:
        a.allocated_owned = b.allocated_owned = False
    return State(
        env,
        saves,
        a.grad.join(b.grad),
        a.inference_mode and b.inference_mode,
        a.allow_mutation if a.allow_mutation == b.allow_mutation else None,
        a.hooks or b.hooks,
        multi,
        True,
        a.allocated if shared_allocated else a.allocated | b.allocated,
        heap,
        heap_owned=not shared,
        saves_owned=not shared_saves,
        allocated_owned=not shared_allocated,
        grads_none=a.grads_none & b.grads_none,
    )


def _join_saves(
    mine_all: dict[SaveKey, SaveRecord], theirs: dict[SaveKey, SaveRecord]
) -> dict[SaveKey, SaveRecord]:
    saves = dict(mine_all)
    for key, rec in theirs.items():
        mine = saves.get(key)
        if mine is None or mine is rec:
            saves[key] = rec
            continue
        chosen = rec if mine.dirty is None and rec.dirty is not None else mine
        other = mine if chosen is rec else rec
        chosen = chosen.joined(other)
        if chosen.dirty is not None and other.dirty is not None:
            # two paths each wrote it first at a different place (`if ...: x[m1] = a  elif
            # ...: x[m2] = b`): a backward through it fails after either, and names each. (A
            # path's further writes are not carried over: on a path that went on to write it
            # again the graph may be gone, as an accumulated loss reset after its step.)
            extra = tuple(
                m
                for m in (other.dirty, *other.alts)
                if m != chosen.dirty and m not in chosen.alts and m not in chosen.later
            )
            if extra:
                chosen = replace(chosen, alts=(*chosen.alts, *extra)[:_MAX_LATER])
        if mine.sids != rec.sids:
            # the same save names its tensor differently on the two paths: one path
            # allocated at the tensor's site again and aged it ('old'), the other did not
            # (`if state is None: state = zeros(...)`); after the join it is either name
            chosen = replace(chosen, sids=mine.sids | rec.sids)
        saves[key] = chosen
    return saves


def _join_heaps(
    ha: dict[tuple[object, str], Value], hb: dict[tuple[object, str], Value]
) -> dict[tuple[object, str], Value]:
    heap = dict(ha)
    for key, vb in hb.items():
        va = ha.get(key)
        if va is vb:
            continue
        if va is None:
            default = getattr(key[0], "attrs", {}).get(key[1])
            heap[key] = vb if default is None or default is vb else join_values(default, vb)
        else:
            heap[key] = join_values(va, vb)
    for key, va in ha.items():
        if key not in hb:
            default = getattr(key[0], "attrs", {}).get(key[1])
            if default is not None and default is not va:
                heap[key] = join_values(va, default)
    return heap


def _old(key: tuple[object, ...]) -> tuple[object, ...]:
    return ("old", *key)


# values that hold no tensor: ageing leaves them as they are
_PLAIN = frozenset({ConstVal, _Unknown, FuncVal, ClassVal, ModuleObj, TorchFnVal, CtxVal})


class SiteRenamer:
    """Recency abstraction: when an allocation site runs again (next loop iteration, second
    inlined call), what it made before becomes 'old', so the new tensor and its saves are
    not confused with their predecessors."""

    def __init__(self, sid: Sid, keys: frozenset[SaveKey] = frozenset()) -> None:
        self.sid = sid
        self.n = len(sid)
        # the flow's save records this site made: a tensor whose history holds one of them
        # is renamed (what no record names cannot be told apart by ageing anyway)
        self.keys = keys
        self.touched: list[object] = []  # shared objects changed in place (modules, lists)
        # each tensor value renamed once per ageing, however many names, attributes and
        # containers hold it (a model's state reaches the same values many ways)
        self._renamed: dict[int, tuple[TensorVal, TensorVal]] = {}

    def key(self, k: tuple[object, ...]) -> tuple[object, ...]:
        return _old(k) if k[: self.n] == self.sid else k

    def keys_of(self, items: frozenset[Any]) -> frozenset[Any]:
        """`items` with the site's own (and its sub-sites') renamed; the same set when none
        is (most of a long history of saves is not this site's)."""
        n, sid = self.n, self.sid
        mine = [k for k in items if k[:n] == sid]
        if not mine:
            return items
        return (items - frozenset(mine)) | frozenset(_old(k) for k in mine)

    def value(self, v: Value) -> Value:
        if type(v) in _PLAIN:
            return v
        if isinstance(v, TensorVal):
            done = self._renamed.get(id(v))
            if done is not None and done[0] is v:
                return done[1]
            sid = self.sid
            renamed = v
            if (
                sid in v.sids
                or (v.data_of and sid in v.data_of)
                or any(s[: self.n] == sid for s in v.sids)  # a sub-site: `max(0)`'s indices
                or (self.keys and v.deps and not self.keys.isdisjoint(v.deps))
            ):
                renamed = v.with_(
                    sids=self.keys_of(v.sids),
                    data_of=self.keys_of(v.data_of),
                    deps=self.keys_of(v.deps),
                    deps_from=v.deps_from,  # the same saves, renamed
                )
            self._renamed[id(v)] = (v, renamed)
            return renamed
        if isinstance(v, TupleVal):
            elems = tuple(self.value(i) for i in v.items)
            same = all(a is b for a, b in zip(elems, v.items, strict=True))
            return v if same else replace(v, items=elems)  # a named tuple stays one
        if isinstance(v, SeqVal):
            elem = self.value(v.elem)
            return v if elem is v.elem else SeqVal(elem)
        if isinstance(v, DictVal):
            items = tuple((k, self.value(i)) for k, i in v.items)
            return (
                v
                if all(a[1] is b[1] for a, b in zip(items, v.items, strict=True))
                else DictVal(items)
            )
        if isinstance(v, ListObj) and v.elem is not None:
            new = self.value(v.elem)
            if new is not v.elem:
                v.elem = new
                # its items one by one too: a loop over them may be unrolled
                v.items = [self.value(item) for item in v.items]
                self.touched.append(v)
        return v

    def module(self, obj: object, seen: set[int]) -> None:
        """Module attributes are shared, flow-insensitive state: age them in place."""
        if not isinstance(obj, ModuleObj) or id(obj) in seen:
            return
        seen.add(id(obj))
        for name, attr in list(obj.attrs.items()):
            if isinstance(attr, ModuleObj):
                self.module(attr, seen)
            else:
                new = self.value(attr)
                if new is not attr:
                    obj.attrs[name] = new
                    self.touched.append(obj)
        for child in obj.children:
            self.module(child, seen)

    def apply(
        self,
        state: State,
        extra_scopes: tuple[dict[str, Value], ...] = (),
        caller_scopes: tuple[dict[str, Value], ...] = (),
    ) -> None:
        """Age what the site made before in `state`, in the variables of the functions that
        called into it (`caller_scopes`: a loop calling `step(...)` keeps the old results in
        its own variables) and in the modules reachable from `extra_scopes`."""
        for scope in (state.env, *caller_scopes):
            for name, v in list(scope.items()):
                new = self.value(v)
                if new is not v:
                    scope[name] = new
        changed = {}
        for key, v in state.heap.items():
            new = self.value(v)
            if new is not v:
                changed[key] = new
        if changed:
            state.own_heap().update(changed)
        seen: set[int] = set()
        for scope in (state.env, *extra_scopes):
            for v in scope.values():
                self.module(v, seen)
        saves: dict[SaveKey, SaveRecord] = {}
        sid, n = self.sid, self.n
        for k, rec in state.saves.items():
            nk = _old(k) if k[:n] == sid else k
            if nk is not k or any(s[:n] == sid for s in rec.sids):  # the site's or a sub-site's
                rec = replace(rec, key=nk, sids=frozenset(self.key(s) for s in rec.sids))
            old = saves.get(nk)
            if old is None:
                saves[nk] = rec
            elif old.dirty is None and rec.dirty is not None:
                saves[nk] = rec.joined(old)
            else:
                saves[nk] = old.joined(rec)
        state.saves = saves
        state.saves_owned = True
        state.multi_dirty = {self.key(s): m for s, m in state.multi_dirty.items()}
        state.own_allocated().add(_old(self.sid))


def allocate(
    state: State,
    sid: Sid,
    extra_scopes: tuple[dict[str, Value], ...] = (),
    caller_scopes: tuple[dict[str, Value], ...] = (),
) -> SiteRenamer | None:
    """Note that `sid` allocates now; if it did before, age what it made then."""
    if sid in state.allocated:
        # Ageing matters only for storages and saves autograd has recorded: skip it otherwise.
        n = len(sid)
        keys = frozenset(k for k in state.saves if k[:n] == sid)
        indices = (*sid, "idx")  # the indices a `max(dim)` / `sort` at the site returned
        if (
            not keys
            and sid not in state.multi_dirty
            and not any(sid in rec.sids or indices in rec.sids for rec in state.saves.values())
        ):
            return None
        renamer = SiteRenamer(sid, keys)
        renamer.apply(state, extra_scopes, caller_scopes)
        return renamer
    state.own_allocated().add(sid)
    return None
