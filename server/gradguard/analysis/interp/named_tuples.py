"""`collections.namedtuple` classes and their instances: tuples whose items are also read by
field name. RL and sequence-model code passes its state around in them (`RSSMState(mean,
std, stoch, deter)`, `Transition(s, a, r, s2)`); without them every `state.stoch` was
UNKNOWN and the graph behind it lost."""

from __future__ import annotations

from ..values import (
    UNKNOWN,
    ConstVal,
    DictVal,
    NamedTupleCls,
    NamedTupleVal,
    TupleVal,
    Value,
)


def namedtuple_class(args: list[Value], kwargs: dict[str, Value]) -> Value:
    """`namedtuple("RSSMState", ["mean", "std"])`, `namedtuple("T", "s a r")`,
    `NamedTuple("T", [("s", Tensor), ("a", int)])`: the class, when its fields are known."""
    name = args[0] if args else kwargs.get("typename", UNKNOWN)
    spec = args[1] if len(args) > 1 else kwargs.get("field_names", kwargs.get("fields", UNKNOWN))
    if not isinstance(name, ConstVal) or not isinstance(name.value, str):
        return UNKNOWN
    fields = _field_names(spec)
    return NamedTupleCls(name.value, fields) if fields is not None else UNKNOWN


def _field_names(spec: Value) -> tuple[str, ...] | None:
    if isinstance(spec, ConstVal) and isinstance(spec.value, str):
        return tuple(spec.value.replace(",", " ").split())
    if isinstance(spec, TupleVal):
        names: list[str] = []
        for item in spec.items:
            if isinstance(item, TupleVal) and item.items:  # NamedTuple's (name, type) pairs
                item = item.items[0]
            if not isinstance(item, ConstVal) or not isinstance(item.value, str):
                return None
            names.append(item.value)
        return tuple(names)
    return None


def instance(cls: NamedTupleCls, args: list[Value], kwargs: dict[str, Value]) -> Value:
    """`RSSMState(mean, std, stoch, deter)`: the items by position, then by name."""
    if len(args) > len(cls.fields) or any(k not in cls.fields for k in kwargs):
        return UNKNOWN
    items = [
        args[i] if i < len(args) else kwargs.get(name, UNKNOWN) for i, name in enumerate(cls.fields)
    ]
    return NamedTupleVal(tuple(items), cls.name, cls.fields)


def subclass(args: list[Value]) -> Value:
    """`type(name, (base,), namespace)` over a namedtuple class: a class with its fields
    (methods the namespace adds are not followed)."""
    if len(args) != 3 or not isinstance(args[1], TupleVal):
        return UNKNOWN
    name = args[0]
    for base in args[1].items:
        if isinstance(base, NamedTupleCls):
            label = name.value if isinstance(name, ConstVal) else base.name
            return NamedTupleCls(str(label), base.fields)
    return UNKNOWN


def attribute(obj: NamedTupleVal, attr: str) -> Value | None:
    """A field by name; `_fields`; None for anything else."""
    found = obj.field(attr)
    if found is not None:
        return found
    if attr == "_fields":
        return TupleVal(tuple(ConstVal(f) for f in obj.fields))
    return None


def method(obj: NamedTupleVal, name: str, kwargs: dict[str, Value]) -> Value:
    """`state._replace(stoch=s)`, `state._asdict()`."""
    if name == "_replace" and all(k in obj.fields for k in kwargs):
        items = tuple(kwargs.get(f, item) for f, item in zip(obj.fields, obj.items, strict=False))
        return NamedTupleVal(items, obj.name, obj.fields)
    if name == "_asdict" and len(obj.items) == len(obj.fields):
        return DictVal(tuple(zip(obj.fields, obj.items, strict=True)))
    return UNKNOWN
