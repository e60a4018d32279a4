"""Abstract values the interpreter tracks: tensors (with autograd facts), modules, optimizers.

A tensor's *storage ids* (`sids`) stand for its version counter: views and `detach()` share
their base's, `.data`/`.numpy()` get their own but remember whose memory they alias (`data_of`).
Storage ids are allocation sites, so a loop re-running one site reuses one id.
"""

from __future__ import annotations

import ast
import enum
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Union

from .findings import Related, Span


class Tri(enum.IntEnum):
    """Three-valued truth for facts the code may not settle (requires_grad, grad mode)."""

    NO = 0
    MAYBE = 1
    YES = 2

    def __or__(self, other: object) -> Tri:
        if not isinstance(other, Tri):
            return NotImplemented
        return Tri(max(self, other))

    def join(self, other: Tri) -> Tri:
        return self if self is other else Tri.MAYBE

    @staticmethod
    def of(value: bool | None) -> Tri:
        return Tri.MAYBE if value is None else (Tri.YES if value else Tri.NO)


Sid = tuple[object, ...]
SaveKey = tuple[object, ...]


@dataclass(frozen=True)
class Origin:
    """The op that produced a tensor (`sigmoid` at line 3): named in messages."""

    op: str
    span: Span


@dataclass(frozen=True)
class TensorVal:
    sids: frozenset[Sid]
    rg: Tri
    leaf_rg: Tri = Tri.NO  # is (a view of) a leaf that requires grad
    is_view: bool = False
    deps: frozenset[SaveKey] = frozenset()  # save records in its autograd history
    origin: Origin | None = None
    view_kind: str | None = None  # "multi" (unbind/split/...), "no_grad" or "custom_fn"
    view_op: str | None = None  # e.g. "Unbind": named in the M3 message
    inference: bool = False
    param: bool = False
    grad_of: bool = False  # a `.grad` tensor: never requires grad
    data_of: frozenset[Sid] = frozenset()
    may_alias: bool = False  # storage identity uncertain (`x.to(...)`, `x[idx]`)
    noncontig: bool = False  # a transposed/permuted view: `contiguous()`/`reshape` copy it
    # joined with None (`state = None` before a loop, a call that may return None): `x is None`
    # is not known for it; a tensor an op made, or an argument bound to one, is never None
    maybe_none: bool = False
    # (multi-output views) (path, expression) that split the base: `x.unbind(0)`, the `x` a
    # loop iterates over; a fix may turn it into single views
    view_node: object = field(default=None, compare=False, hash=False)
    # a multi-output view taken of a tensor that already was one (`torch.split(row, 1)` of a
    # `row` a loop over a tensor gave): single views of it would still be views of a
    # multi-output view, which autograd forbids writing just the same
    nested_multi: bool = field(default=False, compare=False, hash=False)
    # every save in `deps` was recorded at this serial or later (0: not known): an in-place
    # write made before it cannot have changed what this tensor's backward will use, though
    # the save record, holding every generation of its site, says 'modified'
    deps_from: int = field(default=0, compare=False, hash=False)
    # (views a module's full backward hook made: view_op "BackwardHookFunction") where that
    # hook was registered, named by a finding about writing the view in place
    hooked: Related | None = field(default=None, compare=False, hash=False)
    # the number a one-element tensor holds, while it is known: `torch.tensor(0)`, then
    # `fill_(1)` or `zero_()` (a flag buffer such as ActNorm's `initialized`); `.item()` and
    # tests of it read it. Any other write forgets it.
    scalar: int | float | bool | None = None
    # an inference tensor only because a move under inference mode (`cache.to(x)`) is taken to
    # copy, in code that names no other precision or device: on a float32 CPU run it does not
    moved: bool = False
    # `may_alias` only because it stands for one of several tensors that are each surely a leaf
    # that requires grad (an element of `model.parameters()`): a write lands on a leaf whichever
    # it is
    leaf_alts: bool = False

    def with_(self, **changes: object) -> TensorVal:
        deps = changes.get("deps")
        if deps is not None and "deps_from" not in changes and not deps <= self.deps:  # type: ignore[operator]
            changes["deps_from"] = 0  # saves of unknown age joined in
        unknown = changes.keys() - _TENSOR_FIELDS
        if unknown:
            raise TypeError(f"TensorVal has no field {sorted(unknown)[0]!r}")
        # a copy of the instance dict, not `dataclasses.replace`: this runs for most tensor
        # ops, and replace's call of `__init__` with every field was a tenth of a check
        made = object.__new__(TensorVal)
        made.__dict__.update(self.__dict__)
        made.__dict__.update(changes)
        return made


_TENSOR_FIELDS = frozenset(f.name for f in fields(TensorVal))


def saves_from(*values: object) -> int:
    """The `deps_from` of a tensor made from `values` (their saves only; no save: none)."""
    found = [v.deps_from for v in values if isinstance(v, TensorVal) and v.deps]
    return min(found) if found else NO_SAVES


def union_deps(a: frozenset[SaveKey], b: frozenset[SaveKey]) -> frozenset[SaveKey]:
    """The saves in either history. An op's inputs mostly share theirs (`x + f(x)`): the
    larger set is handed on as it is when it holds the other, not copied at every op."""
    if not b or b is a:
        return a
    if not a:
        return b
    if len(a) >= len(b):
        return a if b <= a else a | b
    return b if a <= b else a | b


NO_SAVES = 1 << 62  # `deps_from` of a tensor with no save in its history yet


def plus_saves(value: TensorVal, keys: frozenset[SaveKey] | set[SaveKey]) -> TensorVal:
    """`value` whose history now also holds the saves just recorded under `keys`."""
    return value.with_(
        deps=value.deps | frozenset(keys), deps_from=min(saves_from(value), next_serial())
    )


@dataclass(frozen=True)
class NumpyVal:
    """A NumPy array sharing a tensor's memory (writes bypass autograd's version counter)."""

    data_of: frozenset[Sid]


@dataclass(frozen=True)
class ConstVal:
    value: object


@dataclass(frozen=True)
class TupleVal:
    items: tuple[Value, ...]


@dataclass(frozen=True)
class NamedTupleVal(TupleVal):
    """An instance of a `collections.namedtuple` class: a tuple whose items are also read by
    field name (`state.stoch`, `Transition(s, a, r).reward`)."""

    name: str = ""
    fields: tuple[str, ...] = ()

    def field(self, name: str) -> Value | None:
        if name in self.fields and len(self.items) == len(self.fields):
            return self.items[self.fields.index(name)]
        return None


@dataclass(frozen=True)
class NamedTupleCls:
    """A class made by `collections.namedtuple(name, fields)` (or a subclass of one made by
    `type(name, (base,), {...})`): calling it makes a NamedTupleVal."""

    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class SeqVal:
    """A sequence of unknown length whose elements look like `elem` (lists, generators)."""

    elem: Value


@dataclass(frozen=True)
class SpreadVal(SeqVal):
    """`f(*parts)` of a sequence of unknown length: the arguments from there on, each like
    `elem` (a user function's remaining parameters take one each)."""


# Mutable values are numbered in creation order, so the incremental analysis can tell whether
# an analysis changed an object that existed before it started (see incremental.py).
_SERIALS = itertools.count()


def next_serial() -> int:
    return next(_SERIALS)


@dataclass(eq=False)
class ListObj:
    """A mutable list (`ys = []; ys.append(t)`): its elements joined into one value, and in
    order while there are few (layers collected for `nn.Sequential(*layers)`)."""

    elem: Value | None = None
    items: list[Value] = field(default_factory=list)
    # False once its elements are known only joined (two paths' lists of different lengths
    # met): items then stays empty, or a later append would look like the whole list
    ordered: bool = True
    serial: int = field(default_factory=next_serial, repr=False)

    MAX_ITEMS = 64

    def add(self, value: Value) -> None:
        self.elem = value if self.elem is None else join_values(self.elem, value)
        if self.ordered and len(self.items) < self.MAX_ITEMS:
            self.items.append(value)

    def insert(self, index: int | None, value: Value) -> None:
        """`lst.insert(index, value)`; an index not known loses the order."""
        self.elem = value if self.elem is None else join_values(self.elem, value)
        if index is None or not self.ordered or len(self.items) >= self.MAX_ITEMS:
            self.ordered = False
            self.items = []
            return
        self.items.insert(index, value)


@dataclass(frozen=True)
class CtxVal:
    """A grad-mode or autograd context manager: `no_grad`, `set_grad_enabled(flag)`, ..."""

    kind: str  # no_grad | enable_grad | set_grad | inference | allow_mutation | hooks
    flag: Tri = Tri.YES
    site: object = None  # identifies one allow_mutation context


@dataclass(frozen=True)
class FuncVal:
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
    owner: ClassVal | None = None
    grad_decorator: CtxVal | None = None
    # the local variables of the function it was defined in (a lambda or nested def reads
    # them: `map(lambda t: t.reshape(b, n, heads, -1), qkv)`)
    closure: dict[str, Value] | None = field(default=None, compare=False, hash=False, repr=False)
    # the module it was defined in (a `modules.ModuleScope`; None: the checked file): its
    # body runs with that module's globals, imports and source
    module: object = field(default=None, compare=False, hash=False, repr=False)


@dataclass(eq=False)
class ClassVal:
    node: ast.ClassDef
    is_module: bool
    methods: dict[str, FuncVal] = field(default_factory=dict)
    is_autograd_function: bool = False  # a torch.autograd.Function subclass
    getters: dict[str, FuncVal] = field(default_factory=dict)  # @property
    setters: dict[str, FuncVal] = field(default_factory=dict)  # @name.setter
    bases: tuple[ClassVal, ...] = ()  # the user-defined base classes (`super()` looks there)
    attrs: dict[str, Value] = field(default_factory=dict)  # class-level `expansion = 4`
    # a torch optimizer class it derives from (`class ClipAdam(torch.optim.Adam)`, or the
    # optimizer class a factory was given: `class Clip(optimizer_type)`)
    torch_optimizer: str | None = None
    # a torch.nn layer class a base names only as a value: the class a factory was given
    # (`class DefaultArgLayer(layer_class)` in `change_default_args(bias=False)(nn.Linear)`)
    torch_layer: str | None = None


@dataclass(frozen=True)
class ClassKey:
    """A class as a constant (`type(m)`, a key of `{nn.Linear: linear_diag}`): equal for the
    same torch class (its qualified name) or the same user class (its definition)."""

    name: str


def class_key(value: Value) -> ClassKey | None:
    """The class `value` stands for, as a constant: a torch.nn class or a user class."""
    if isinstance(value, TorchFnVal) and value.qual.startswith("torch.nn."):
        return ClassKey(value.qual)
    if isinstance(value, ClassVal):
        return ClassKey(f"<class {value.node.name} {id(value.node)}>")
    if isinstance(value, ConstVal) and isinstance(value.value, ClassKey):
        return value.value
    return None


def type_key(value: Value) -> ClassKey | None:
    """`type(m)` of a module object of known class."""
    if not isinstance(value, ModuleObj):
        return None
    if value.cls is not None:
        return class_key(value.cls)
    if value.kind.startswith("torch.nn.") and not value.generic:
        return ClassKey(value.kind)
    return None


@dataclass(eq=False)
class ModuleNsVal:
    """A module of the user's project bound to a name (`import models`, `from . import
    utils`): its attributes are the module's global variables (`modules.ModuleScope`)."""

    scope: object


@dataclass(frozen=True)
class AutogradCtx:
    """The `ctx` of a custom torch.autograd.Function's forward/backward."""

    cls: ClassVal


@dataclass(eq=False)
class ModuleObj:
    """An nn.Module instance: a known torch.nn layer, a Sequential, or a user class."""

    kind: str  # "torch.nn.ReLU", "torch.nn.Sequential", or the user class name
    span: Span
    inplace: Tri = Tri.NO
    children: list[ModuleObj] = field(default_factory=list)
    attrs: dict[str, Value] = field(default_factory=dict)
    cls: ClassVal | None = None
    inplace_span: Span | None = None  # where `inplace=True` is written
    options: dict[str, Value] = field(default_factory=dict)
    node: ast.AST | None = None  # the constructor call
    generic: bool = False  # a torch.nn class we hold no layer facts for (losses, ...)
    repeated: bool = False  # children built from a comprehension: every index is alike
    # (repeated, one child) a copy of that child standing for the next index: a loop over the
    # container runs the child, then its twin (own parameters, buffers and caches)
    twin: ModuleObj | None = field(default=None, repr=False)
    output_requires_grad: bool = False  # a forward hook makes its output require grad
    pre_hooks: list[FuncVal] = field(default_factory=list)  # forward pre-hooks, in order
    post_hooks: list[FuncVal] = field(default_factory=list)  # forward hooks, in order
    # a user class deriving from nn.Sequential without its own forward: its children run in
    # order, as the container's forward does (`super().__init__(*layers)`)
    sequential: bool = False
    # a user class deriving from a torch.nn layer (`class ABN(nn.BatchNorm2d)`): that layer,
    # built by `super().__init__(...)`; its parameters are the object's, `super().forward(x)`
    # runs it
    layer: ModuleObj | None = None
    # attribute names given to `register_buffer` (a user module's buffers, as opposed to plain
    # tensor attributes): what `buffers()` / `named_buffers()` list
    buffers: set[str] = field(default_factory=set)
    # parameters a wrapper reparametrized (`spectral_norm(layer)`): name -> the steps computing
    # what the forward reads from the original, in order (a wrapper's name, or the
    # parametrization module `register_parametrization` was given)
    reparams: dict[str, list[object]] = field(default_factory=dict)
    serial: int = field(default_factory=next_serial, repr=False)

    def parameters(self) -> list[TensorVal]:
        out: list[TensorVal] = []
        for value in self.attrs.values():
            if isinstance(value, TensorVal) and value.param:
                out.append(value)
            elif isinstance(value, ModuleObj) and value is not self:
                out.extend(value.parameters())
        for child in self.children:
            out.extend(child.parameters())
        return out


@dataclass(frozen=True)
class OptimizerVal:
    params: frozenset[Sid] | None  # None: every parameter we know of
    span: Span
    # its `param_groups` when it was given them as dicts (`SGD(self.param_groups, ...)` in a
    # user Optimizer subclass): a tuple of dicts with a "params" key
    groups: TupleVal | None = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class TorchFnVal:
    """A torch function used as a value (`op=torch.mul`, `act=F.relu`), called later."""

    qual: str


@dataclass(frozen=True)
class DictVal:
    """A dict literal with constant keys (`batch = {"obs": t, ...}`)."""

    items: tuple[tuple[object, Value], ...]
    # where each key was written as a keyword of a call (`make(nn.ReLU, inplace=True)`
    # collected into `**options`): a fix to the value edits that keyword
    written: tuple[tuple[str, Span], ...] = field(default=(), compare=False, hash=False)
    # an instance of a user's dict subclass (`class ParamDict(AttrDict)`): its methods
    cls: ClassVal | None = field(default=None, compare=False, hash=False)

    def get(self, key: object) -> Value | None:
        for k, v in self.items:
            if k == key:
                return v
        return None


@dataclass(frozen=True)
class DistVal:
    """A torch.distributions object: its samples and densities carry its parameters' graph."""

    rg: Tri
    deps: frozenset[SaveKey]


@dataclass(frozen=True)
class BoundMethod:
    obj: Value
    name: str


@dataclass(frozen=True)
class PartialVal:
    """`functools.partial(func, *args, **keywords)`: calls `func` with these first. Each bound
    argument keeps the node it was written as, so a finding or fix on a bound `inplace=True`
    points at the partial."""

    func: Value
    args: tuple[tuple[ast.expr, Value], ...]
    keywords: tuple[tuple[ast.keyword, Value], ...]


@dataclass(frozen=True)
class MapVal:
    """A dict whose keys are not known one by one, every value like `value`
    (`{name: p.detach().clone() for name, p in model.named_parameters()}`)."""

    value: Value


@dataclass(eq=False)
class GenVal:
    """A generator object: a call of a function whose body yields (`blocks(dim)`), not run
    yet. Iterating it runs the body (interp/generators.py); what it yielded is kept here."""

    func: FuncVal
    args: list[Value]
    kwargs: dict[str, Value]
    node: ast.AST  # the call that made it
    self_obj: ModuleObj | None = None
    scope: object = None  # the module whose code made the call (a `modules.ModuleScope`)
    # what a run found: the yielded values known one by one, in order, then (`rest`) the join
    # of those whose number or place is not known; `ran`: the body ran to its end
    items: list[Value] = field(default_factory=list)
    rest: Value | None = None
    ran: bool = False
    taken: int = 0  # values `next(gen)` has handed out
    serial: int = field(default_factory=next_serial, repr=False)


@dataclass(frozen=True, eq=False)
class OneOfCallables:
    """One of a few callables, depending on the path taken (`loss = L1Loss()` or `loss =
    masked_mae(...)`, picked by an option the analysis cannot read): calling it calls each,
    as the branches of an `if` would."""

    options: tuple[Value, ...]


MAX_CALLABLE_OPTIONS = 4
_CALLABLE_TYPES = frozenset(
    {OneOfCallables, FuncVal, ModuleObj, TorchFnVal, PartialVal, BoundMethod}
)


def _callable_options(value: Value) -> tuple[Value, ...]:
    return value.options if isinstance(value, OneOfCallables) else (value,)


def _join_callables(a: Value, b: Value) -> Value | None:
    """Two callables (both of `_CALLABLE_TYPES`) met where paths join (different ones: same
    ones join earlier); None past MAX_CALLABLE_OPTIONS."""
    options = list(_callable_options(a))
    for option in _callable_options(b):
        if not any(option is known or option == known for known in options):
            options.append(option)
    return OneOfCallables(tuple(options)) if len(options) <= MAX_CALLABLE_OPTIONS else None


class _Unknown:
    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


@dataclass(eq=False)
class ArgParserVal:
    """An `argparse.ArgumentParser` (or one of its argument groups, which add to it): the
    arguments declared so far (`interp/arg_parsers.ArgSpec`), in order."""

    specs: list[object] = field(default_factory=list)
    defaults: dict[str, Value] = field(default_factory=dict)  # `set_defaults(lr=0.1)`
    opaque: bool = False  # sub-commands or a custom action: what it parses is not followed


Value = Union[  # noqa: UP007 - a runtime alias: `|` of forward references is not evaluable
    TensorVal,
    NumpyVal,
    ConstVal,
    TupleVal,
    SeqVal,
    CtxVal,
    FuncVal,
    ClassVal,
    ModuleObj,
    OptimizerVal,
    BoundMethod,
    ListObj,
    TorchFnVal,
    DictVal,
    DistVal,
    AutogradCtx,
    ModuleNsVal,
    PartialVal,
    MapVal,
    GenVal,
    ArgParserVal,
    OneOfCallables,
    NamedTupleCls,
    _Unknown,
]


def _surely_leaf(t: TensorVal) -> bool:
    """A leaf that requires grad, or one of several that each are."""
    return t.leaf_rg == Tri.YES and (not t.may_alias or t.leaf_alts)


def write_lands_surely(t: TensorVal) -> bool:
    """Whether an in-place write to `t` surely lands where the analysis says: its storage is
    known, or it is one of several leaves that require grad (a loop over parameters writes
    each of them)."""
    return not t.may_alias or t.leaf_alts


def join_values(a: Value, b: Value) -> Value:
    if a is b or a == b:
        return a
    if isinstance(a, TensorVal) and isinstance(b, TensorVal):
        return TensorVal(
            sids=a.sids | b.sids,
            rg=a.rg.join(b.rg),
            leaf_rg=a.leaf_rg.join(b.leaf_rg),
            is_view=a.is_view or b.is_view,
            deps=a.deps | b.deps,
            deps_from=saves_from(a, b),
            origin=a.origin if a.origin == b.origin else (a.origin or b.origin),
            view_kind=a.view_kind if a.view_kind == b.view_kind else None,
            view_op=a.view_op if a.view_op == b.view_op else None,
            hooked=a.hooked or b.hooked,
            inference=a.inference or b.inference,
            param=a.param and b.param,
            grad_of=a.grad_of and b.grad_of,
            data_of=a.data_of | b.data_of,
            may_alias=a.may_alias or b.may_alias or a.sids != b.sids,
            leaf_alts=(a.sids != b.sids or a.leaf_alts or b.leaf_alts)
            and _surely_leaf(a)
            and _surely_leaf(b),
            noncontig=a.noncontig or b.noncontig,
            maybe_none=a.maybe_none or b.maybe_none,
            scalar=a.scalar if a.scalar == b.scalar else None,
            moved=a.moved or b.moved,
        )
    if isinstance(a, TupleVal) and isinstance(b, TupleVal) and len(a.items) == len(b.items):
        items = tuple(join_values(x, y) for x, y in zip(a.items, b.items, strict=True))
        if isinstance(a, NamedTupleVal) and isinstance(b, NamedTupleVal) and a.fields == b.fields:
            return NamedTupleVal(items, a.name, a.fields)
        return TupleVal(items)
    if isinstance(a, NumpyVal) and isinstance(b, NumpyVal):
        return NumpyVal(a.data_of | b.data_of)
    if isinstance(a, DictVal) and isinstance(b, DictVal):
        return _join_dicts(a, b)
    if isinstance(a, (DictVal, MapVal)) and isinstance(b, (DictVal, MapVal)):
        # a dict filled under computed keys on one path (or round of a loop), not on the other
        return any_entry([*_entries(a), *_entries(b)])
    # `state = None; for ...: if state is None: state = zeros(...)`: None on one path, a
    # tensor on the other; tests of `state is None` tell them apart (see exec_if), and code
    # that writes to it runs only where it is the tensor
    if isinstance(a, TensorVal) and b == _NONE:
        return a if a.maybe_none else a.with_(maybe_none=True)
    if isinstance(b, TensorVal) and a == _NONE:
        return b if b.maybe_none else b.with_(maybe_none=True)
    # `total = 0; for ...: total += loss`: a number on one path, a tensor on the other.
    if isinstance(a, TensorVal) and isinstance(b, ConstVal):
        return a.with_(may_alias=True)
    if isinstance(b, TensorVal) and isinstance(a, ConstVal):
        return b.with_(may_alias=True)
    # `hidden = None; for ...: out, hidden = lstm(x, hidden)`: a state that starts as None
    # and is a tuple (or list) of tensors from the second round on keeps the tuple (its
    # tensors carry the graph the next round runs into); `is None` tests do not fold on it
    # `self.items = items or []`: the known items, or none (a loop over them runs each, or
    # not at all)
    if isinstance(a, TupleVal) and isinstance(b, ListObj) and not b.items and b.elem is None:
        return a
    if isinstance(b, TupleVal) and isinstance(a, ListObj) and not a.items and a.elem is None:
        return b
    if isinstance(a, (TupleVal, ListObj)) and b == _NONE:
        return a
    if isinstance(b, (TupleVal, ListObj)) and a == _NONE:
        return b
    # `state = [None] * n if state is None else state` where the state a call returned is a
    # list built by append: one list whose elements are either side's (in order while both
    # have the same known length), so `state[i]` is the carried tensor from the second round on
    if (
        isinstance(a, (TupleVal, ListObj, SeqVal))
        and isinstance(b, (TupleVal, ListObj, SeqVal))
        and (isinstance(a, ListObj) or isinstance(b, ListObj))
    ):
        return _join_lists(a, b)
    if isinstance(a, (TupleVal, SeqVal)) and isinstance(b, (TupleVal, SeqVal)):
        # `h_t = list(hx.unbind(0))` before a loop whose rounds set `h_t[k]`: a sequence of
        # items like either side's
        joined = join_all([*_seq_items(a), *_seq_items(b)])
        return SeqVal(joined) if joined is not UNKNOWN else UNKNOWN
    if type(a) in _CALLABLE_TYPES and type(b) in _CALLABLE_TYPES:  # (a hot path: test types)
        callables = _join_callables(a, b)
        if callables is not None:
            return callables
    return UNKNOWN


_ABSENT: Any = object()


def _join_dicts(a: DictVal, b: DictVal) -> DictVal:
    """`losses = {}; if compute_g: losses["l1"] = ...`: a key one path set is there on the path
    that reads it (elsewhere the read raises KeyError), as a tensor joined with None is; keys
    both paths set hold either value."""
    items = dict(a.items)
    for key, value in b.items:
        old = items.get(key, _ABSENT)
        if old is not value:  # (most entries of two paths' dicts are the same objects)
            items[key] = value if old is _ABSENT else join_values(old, value)
    written = a.written + tuple(w for w in b.written if w not in a.written)
    return DictVal(tuple(items.items()), written)


def _known_order(v: TupleVal | ListObj | SeqVal) -> tuple[Value, ...] | None:
    if isinstance(v, TupleVal):
        return v.items
    if isinstance(v, ListObj):
        return tuple(v.items) if v.ordered and len(v.items) < ListObj.MAX_ITEMS else None
    return None


def _join_lists(a: TupleVal | ListObj | SeqVal, b: TupleVal | ListObj | SeqVal) -> ListObj:
    out = ListObj()
    ia, ib = _known_order(a), _known_order(b)
    if ia is not None and ib is not None and len(ia) == len(ib):
        for x, y in zip(ia, ib, strict=True):
            out.add(join_values(x, y))
        return out
    out.ordered = False
    elems = [
        e
        for v in (a, b)
        for e in (v.items if isinstance(v, TupleVal) else (v.elem,))
        if e is not None
    ]
    for e in elems:
        out.elem = e if out.elem is None else join_values(out.elem, e)
    return out


_NONE = ConstVal(None)


def maybe_tensor(value: Value) -> TensorVal | None:
    return value if isinstance(value, TensorVal) else None


def join_all(values: Sequence[Value]) -> Value:
    """What any of these values is like (unknown where there are none)."""
    if not values:
        return UNKNOWN
    out = values[0]
    for value in values[1:]:
        out = join_values(out, value)
    return out


def held_tensors(value: Value, depth: int = 0) -> list[TensorVal]:
    """The tensors a value holds: itself, a tuple's or list's items, a dict's values (a few
    levels deep): what a call hands its callee, what a function returns."""
    if isinstance(value, TensorVal):
        return [value]
    if depth > 3:
        return []
    items: list[Value] = []
    if isinstance(value, TupleVal):
        items = list(value.items)
    elif isinstance(value, (SeqVal, ListObj)) and value.elem is not None:
        items = [value.elem]
    elif isinstance(value, DictVal):
        items = [v for _, v in value.items]
    elif isinstance(value, MapVal):
        items = [value.value]
    return [t for item in items for t in held_tensors(item, depth + 1)]


def _entries(d: DictVal | MapVal) -> list[Value]:
    return [v for _, v in d.items] if isinstance(d, DictVal) else [d.value]


def any_entry(values: list[Value]) -> Value:
    """A dict whose keys are not known one by one, holding values like any of these (modules
    built at one site, in a loop, are alike); unknown where they have nothing in common."""
    if not values:
        return DictVal(())
    joined = values[0]
    for value in values[1:]:
        if (
            isinstance(value, ModuleObj)
            and isinstance(joined, ModuleObj)
            and value.span == joined.span
        ):
            continue
        joined = join_values(joined, value)
    return MapVal(joined) if joined is not UNKNOWN else UNKNOWN


def _seq_items(v: TupleVal | SeqVal) -> list[Value]:
    return list(v.items) if isinstance(v, TupleVal) else [v.elem]
