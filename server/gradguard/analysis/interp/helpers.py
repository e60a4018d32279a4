"""Small functions on values and syntax the interpreter's parts share."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ...optable.table import OpRow, SaveRule
from .. import torch_api as api
from ..findings import Span
from ..imports import dotted_name
from ..spans import SourceMap
from ..state import State
from ..values import (
    UNKNOWN,
    ClassKey,
    ClassVal,
    ConstVal,
    CtxVal,
    DictVal,
    FuncVal,
    ListObj,
    MapVal,
    ModuleObj,
    OptimizerVal,
    SeqVal,
    Sid,
    TensorVal,
    TorchFnVal,
    Tri,
    TupleVal,
    Value,
    class_key,
    join_all,
    join_values,
    saves_from,
)
from .limits import MAX_UNROLLED_ITEMS


def _join_alike(a: Value, b: Value) -> Value:
    """Join for "any element of": layers of one kind stand for each other (as for the
    children of a container built in a loop); pairs join position by position."""
    if isinstance(a, ModuleObj) and isinstance(b, ModuleObj):
        return a if a.kind == b.kind and a.cls is b.cls else UNKNOWN
    if isinstance(a, TupleVal) and isinstance(b, TupleVal) and len(a.items) == len(b.items):
        return TupleVal(tuple(_join_alike(x, y) for x, y in zip(a.items, b.items, strict=True)))
    return join_values(a, b)


def _is_constructor(func: FuncVal) -> bool:
    return func.owner is not None and getattr(func.node, "name", "") == "__init__"


def _known_items(value: Value) -> list[Value] | None:
    """The elements of a sequence we know one by one and few enough to unroll (as many as
    a `for` loop over a known tuple unrolls: `enumerate(block_cfg[1:])` over a YOLO config
    is unrolled like `for block in block_cfg`)."""
    if (
        isinstance(value, ModuleObj)
        and value.children
        and len(value.children) <= MAX_UNROLLED_ITEMS
    ):
        return list(value.children)
    if isinstance(value, TupleVal) and 0 < len(value.items) <= MAX_UNROLLED_ITEMS:
        return list(value.items)
    if isinstance(value, DictVal) and 0 < len(value.items) <= 16:
        # iterating a dict gives its keys (`{k: 0 for k in self.loss_funcs}`)
        return [ConstVal(key) for key, _ in value.items]
    return None


def _list_view(items: ListObj) -> Value:
    """A list object as a value to index: its elements in order while we know them."""
    if items.items and len(items.items) < ListObj.MAX_ITEMS:
        return TupleVal(tuple(items.items))
    return SeqVal(items.elem) if items.elem is not None else UNKNOWN


def _literal_prefix(node: ast.expr) -> str:
    """The text a string expression surely starts with (`f"bias_hh_l{i}"` -> "bias_hh_l")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_prefix(node.left)
    return ""


def _class_and_bases(cls: ClassVal) -> list[ClassVal]:
    out: list[ClassVal] = []
    todo = [cls]
    while todo and len(out) < 32:
        one = todo.pop()
        if one not in out:
            out.append(one)
            todo.extend(one.bases)
    return out


def _add_children(container: ModuleObj, args: list[Value]) -> None:
    """What a container's constructor is given (`nn.Sequential(a, b)`, `(*layers)`, a list):
    its children, in order; built from a list or comprehension, every index is alike."""
    for arg in args:
        if isinstance(arg, ModuleObj):
            container.children.append(arg)
        elif arg is UNKNOWN and not container.repeated:
            # `nn.Sequential(spectral_norm(conv, on), nn.LeakyReLU(0.2, True))` with a layer we
            # could not follow: it still stands between its neighbours (its output is some
            # other tensor, not its input passed through)
            container.children.append(
                ModuleObj(kind="unknown layer", span=container.span, generic=True)
            )
        elif isinstance(arg, DictVal):  # `nn.ModuleDict({"cls": head, ...})`: by key, in order
            for key, module in arg.items:
                if isinstance(module, ModuleObj):
                    container.children.append(module)
                    container.attrs[str(key)] = module
        elif (
            isinstance(arg, ListObj)
            and isinstance(view := _list_view(arg), TupleVal)
            and all(isinstance(m, ModuleObj) for m in view.items)
        ):
            # a list whose layers are all known in order (`layers + [pool5, conv6]` of a
            # config unrolled layer by layer): each is a child of its own
            container.children.extend(m for m in view.items if isinstance(m, ModuleObj))
        elif isinstance(arg, (TupleVal, SeqVal, ListObj)):
            container.children.extend(m for m in _flatten(arg) if isinstance(m, ModuleObj))
            container.repeated = container.repeated or not isinstance(arg, TupleVal)
        elif isinstance(arg, MapVal) and isinstance(arg.value, ModuleObj):
            # an `OrderedDict` filled under computed names: each child alike
            container.children.append(arg.value)
            container.repeated = True


def _submodules(root: ModuleObj, limit: int = 64) -> list[ModuleObj]:
    """A module and its submodules in the order `Module.apply` visits them (post-order)."""
    out: list[ModuleObj] = []
    _visit_submodules(root, out, set(), limit)
    return out


def _visit_submodules(mod: ModuleObj, out: list[ModuleObj], seen: set[int], limit: int) -> None:
    if id(mod) in seen or len(out) >= limit:
        return
    seen.add(id(mod))
    for child in [
        *mod.children,
        *(v for v in mod.attrs.values() if isinstance(v, ModuleObj)),
    ]:
        _visit_submodules(child, out, seen, limit)
    out.append(mod)


def _emit_elsewhere(emit: tuple[Any, ...]) -> bool:
    """A recorded finding that points into another module: its positions cannot be moved with
    this file's statements."""
    span, related, fixes = emit[2], emit[4], emit[5]
    return bool(
        span.path
        or any(r.span.path for r in related)
        or any(e.span.path for f in fixes if f is not None for e in f.edits)
    )


def _tag(span: Span) -> tuple[str, ...]:
    """A span's file in a key (nothing for the checked file: its keys stay as they were)."""
    return (span.path,) if span.path else ()


def _enter(ctx: CtxVal, state: State) -> None:
    if ctx.kind == "no_grad":
        state.grad = Tri.NO
    elif ctx.kind == "enable_grad":
        state.grad = Tri.YES
    elif ctx.kind == "set_grad":
        state.grad = ctx.flag
    elif ctx.kind == "inference":
        if ctx.flag != Tri.NO:
            state.grad = Tri.NO if ctx.flag == Tri.YES else Tri.MAYBE
            state.inference_mode = ctx.flag == Tri.YES
    elif ctx.kind == "allow_mutation":
        state.allow_mutation = ctx.site or True
    elif ctx.kind == "hooks":
        state.hooks = True
    elif ctx.kind == "enable_checks":
        state.hooks = False


def _einsum_operands(
    row: OpRow, args: list[Value], node: ast.Call
) -> tuple[OpRow, dict[str, Value], dict[str, ast.expr]]:
    """`torch.einsum(eq, a, b, ...)` or `einsum(eq, [a, b])`: the operands as args 0.., each
    saved when another one needs grad (the op table's einsum sample cannot say this: its
    operands come as one list). Verified on torch 2.13: modifying `b` of `einsum("d,d->", a, b)`
    breaks the backward when `a` needs grad; a single operand is not saved."""
    operands = args[1:]
    operand_nodes: list[ast.expr] = list(node.args[1:])
    if len(operands) == 1 and isinstance(operands[0], TupleVal):
        operands = list(operands[0].items)
        first = node.args[1] if len(node.args) > 1 else None
        operand_nodes = list(first.elts) if isinstance(first, (ast.List, ast.Tuple)) else []
    ids = [str(i) for i in range(len(operands))]
    saves = SaveRule(
        args={i: frozenset(j for j in ids if j != i) for i in ids if len(ids) > 1},
        output=frozenset(),
    )
    op_args = dict(zip(ids, operands, strict=True))
    nodes = dict(zip(ids, operand_nodes, strict=False))
    return replace(row, saves=saves), op_args, nodes


def _truth(value: Value) -> bool | None:
    """Whether `bool(value)` is known: constants, and objects that are always true."""
    if isinstance(value, ConstVal):
        try:
            return bool(value.value)
        except Exception:  # noqa: BLE001
            return None
    if isinstance(value, (FuncVal, ClassVal, ModuleObj, TorchFnVal, OptimizerVal)):
        return True
    if isinstance(value, DictVal):  # its keys are all known: empty or not
        return bool(value.items)
    if isinstance(value, TensorVal) and value.scalar is not None:
        return bool(value.scalar)  # a one-element tensor holding a known number
    return None


def _join_attr(old: Value, new: Value) -> Value:
    if isinstance(old, ModuleObj) or isinstance(new, ModuleObj):
        return new
    return join_values(old, new)


def _merge_into(base: TensorVal, written: TensorVal) -> TensorVal:
    """The base after one of its views was written: it picks up the write's grad history."""
    return base.with_(
        rg=base.rg | written.rg,
        deps=base.deps | written.deps,
        deps_from=saves_from(base, written),
    )


_join_all = join_all  # the name the interpreter's mixins import


def _flatten(value: Value) -> Iterator[Value]:
    if isinstance(value, TupleVal):
        for item in value.items:
            yield from _flatten(item)
    elif isinstance(value, SeqVal):
        yield from _flatten(value.elem)
    elif isinstance(value, ListObj):
        if value.elem is not None:
            yield from _flatten(value.elem)
    else:
        yield value


def _param_sids(params: Value) -> frozenset[Sid] | None:
    sids: set[Sid] = set()
    for v in _flatten(params):
        if isinstance(v, TensorVal):
            sids.update(v.sids)
        elif isinstance(v, ModuleObj):
            for p in v.parameters():
                sids.update(p.sids)
        else:
            return None
    return frozenset(sids) if sids else None


def _requires_grad_kw(kwargs: dict[str, Value], default: Tri = Tri.NO) -> Tri:
    flag = kwargs.get("requires_grad")
    if flag is None:
        return default
    if isinstance(flag, ConstVal) and isinstance(flag.value, bool):
        return Tri.of(flag.value)
    return Tri.MAYBE


def _op_args(args: list[Value], kwargs: dict[str, Value]) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for i, a in enumerate(args):
        if isinstance(a, (TupleVal, SeqVal, ListObj)):
            tensors = [t for t in _flatten(a) if isinstance(t, TensorVal)]
            if tensors:
                out[str(i)] = _union_tensors(tensors)
                continue
        out[str(i)] = a
    for k, v in kwargs.items():
        if k not in ("out", "inplace"):
            out[k] = v
    return out


def _trigger(triggers: frozenset[str], tensors: dict[str, TensorVal]) -> Tri:
    result = Tri.NO
    for t in triggers:
        v = tensors.get(t)
        if v is not None:
            result = result | v.rg
    return result


def _index_kind(slice_node: ast.expr, index: Value | None) -> str:
    """'view' for basic indexing, 'copy' for advanced (tensor/list) indexing, 'unsure'."""
    parts = slice_node.elts if isinstance(slice_node, ast.Tuple) else [slice_node]
    if (
        isinstance(index, TupleVal)
        and len(index.items) == len(parts)
        and any(isinstance(item, TensorVal) for item in index.items)
    ):
        return "copy"  # `dp[:, i - 1, j]` with tensors `i`, `j`: advanced indexing
    if (
        isinstance(slice_node, ast.Tuple)
        and isinstance(index, TupleVal)
        and len(index.items) == len(parts)
        and any(isinstance(item, (TupleVal, ListObj, SeqVal)) for item in index.items)
    ):
        return "copy"  # `x[:, self.angle_dims]` with a list of dims: advanced indexing
    if isinstance(index, ListObj):
        return "copy"  # `x[idx]` with a list built by append
    kind = "view"
    for part in parts:
        if isinstance(part, ast.Slice) or (
            isinstance(part, ast.Constant)
            and (part.value is None or part.value is Ellipsis or isinstance(part.value, int))
        ):
            continue
        if isinstance(part, (ast.List, ast.ListComp)):
            return "copy"
        if isinstance(part, ast.UnaryOp) and isinstance(part.operand, ast.Constant):
            continue
        if isinstance(part, ast.BinOp):
            continue  # arithmetic on loop indices: an int
        if isinstance(part, ast.Name) and index is not None and isinstance(index, TensorVal):
            return "copy"
        if isinstance(part, ast.Compare):
            return "copy"
        kind = "view"
    if isinstance(index, TensorVal):
        return "copy"
    return kind


def _is_static(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
        for d in node.decorator_list
    )


def _all_functions_in(
    body: list[ast.stmt],
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef | None]]:
    return _functions_in(body, None)


def _functions_in(
    body: list[ast.stmt], owner: ast.ClassDef | None
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef | None]]:
    """Every function defined in `body` with the class it is a method of. Recursion through
    a module-level function: a nested function calling itself is a reference cycle that
    keeps what it refers to alive until the cyclic collector runs."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield stmt, owner
            yield from _functions_in(stmt.body, None)
        elif isinstance(stmt, ast.ClassDef):
            yield from _functions_in(stmt.body, stmt)
        elif isinstance(stmt, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for field_name in ("body", "orelse", "finalbody", "handlers"):
                sub = getattr(stmt, field_name, None)
                if sub:
                    inner = [
                        s
                        for h in sub
                        for s in (h.body if isinstance(h, ast.ExceptHandler) else [h])
                    ]
                    yield from _functions_in(inner, owner)


def _is_nn_class(qual: str) -> bool:
    """`torch.nn.SomeLayer` (a class by naming convention) we hold no facts for."""
    parts = qual.split(".")
    return (
        len(parts) == 3
        and parts[:2] == ["torch", "nn"]
        and parts[2][:1].isupper()
        and (parts[2] not in ("Module", "Parameter"))
    )


def _describe_saved(saved: TensorVal, arg_node: ast.expr | None, src: SourceMap) -> str:
    """A noun phrase for a saved argument: "`w`", "the parameter `Linear.weight`"."""
    if arg_node is not None:
        return f"`{src.text(arg_node)}`"
    if saved.origin is not None and saved.param:
        return f"the parameter `{saved.origin.op}`"
    if saved.origin is not None and "." in saved.origin.op:
        return f"the buffer `{saved.origin.op}`"
    if saved.origin is not None:
        return f"the output of `{saved.origin.op}`"
    return "an input"


def _set_params_requires_grad(mod: ModuleObj, rg: Tri) -> Iterator[ModuleObj]:
    """`module.requires_grad_(flag)`; yields each module whose parameters changed."""
    yield mod
    for name, attr in list(mod.attrs.items()):
        if isinstance(attr, TensorVal) and attr.param:
            mod.attrs[name] = attr.with_(rg=rg, leaf_rg=rg)
        elif isinstance(attr, ModuleObj) and attr is not mod:
            yield from _set_params_requires_grad(attr, rg)
    for child in mod.children:
        yield from _set_params_requires_grad(child, rg)


def _is_name_like(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) or (
        isinstance(node, ast.Attribute) and dotted_name(node) is not None
    )


def _hook_sets_requires_grad(hook: Value) -> bool:
    """Does this forward hook call `output.requires_grad_(True)` on its third argument?"""
    if not isinstance(hook, FuncVal):
        return False
    fn = hook.node
    params = [*fn.args.posonlyargs, *fn.args.args]
    if len(params) < 3:
        return False
    out_name = params[2].arg
    body: list[ast.AST] = [fn.body] if isinstance(fn, ast.Lambda) else list(fn.body)
    for stmt in body:
        for node in ast.walk(stmt):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "requires_grad_"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == out_name
                and not (
                    node.args
                    and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value is False
                )
            ):
                return True
    return False


def _assumed(value: TensorVal) -> bool:
    """A function argument we only guessed to be a tensor (it may be a tuple or list)."""
    return bool(value.sids) and all(s and s[0] == "param" for s in value.sids)


def _union_tensors(tensors: list[TensorVal]) -> TensorVal:
    """Several tensors passed as one list argument (`torch.cat([a, b])`): the argument
    requires grad if any element does."""
    out = _join_all(list(tensors))
    assert isinstance(out, TensorVal)
    rg = Tri.NO
    for t in tensors:
        rg = rg | t.rg
    return out.with_(rg=rg)


def _is_inplace_name(name: str) -> bool:
    return name.endswith("_") and not name.endswith("__") and name not in api.NON_DATA_INPLACE


_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b,
}


def _fold_compare(node: ast.Compare, vals: list[Value]) -> Value:
    """`self.activation == "relu"` with a known constructor argument: take the right branch.
    `self.activation is not None` on a module, function or class is true (values a join
    never mixes with None, unlike a tensor or tuple that may stand for "None or this")."""
    if (
        len(node.ops) == 1
        and isinstance(node.ops[0], (ast.Is, ast.IsNot))
        and len(vals) == 2
        and _NONE in vals
    ):
        other = vals[1] if vals[0] == _NONE else vals[0]
        if isinstance(other, _NEVER_NONE) or _surely_tensor(other):
            return ConstVal(isinstance(node.ops[0], ast.IsNot))
    if (
        len(vals) == 2
        and isinstance(node.ops[0], (ast.Eq, ast.NotEq))
        and any(isinstance(v, (TupleVal, ListObj, DictVal)) for v in vals)
        and any(_is_scalar_const(v) for v in vals)
    ):
        # `block.from_ != -1` with `from_` a list of layer indices: a sequence or dict never
        # equals a number or a string
        return ConstVal(isinstance(node.ops[0], ast.NotEq))
    if len(vals) == 2 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
        return _fold_membership(vals[0], vals[1], isinstance(node.ops[0], ast.In))
    if len(vals) == 2 and (
        any(isinstance(v, ConstVal) and isinstance(v.value, ClassKey) for v in vals)
        or all(isinstance(v, (ClassVal, TorchFnVal)) and class_key(v) is not None for v in vals)
    ):
        # `type(m) == nn.Linear`, `type(m) is Block`, `block is Detect` (a class taken from
        # a config list): both classes known
        classes = [class_key(v) for v in vals]
        if any(c is None for c in classes):
            return UNKNOWN
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)):
            # one class is one object: `is` holds exactly when the keys are equal
            return ConstVal((classes[0] == classes[1]) == isinstance(node.ops[0], ast.Is))
        vals = [ConstVal(c) for c in classes]
    # `self.initialized == 0` on a one-element tensor holding a known number: a tensor whose
    # truth is that of the comparison
    vals = [
        ConstVal(v.scalar) if isinstance(v, TensorVal) and v.scalar is not None else v for v in vals
    ]
    if not all(isinstance(v, ConstVal) for v in vals):
        return UNKNOWN
    consts = [v.value for v in vals if isinstance(v, ConstVal)]
    try:
        for op, a, b in zip(node.ops, consts, consts[1:], strict=False):
            fn = _COMPARE.get(type(op))
            if fn is None or not fn(a, b):
                return ConstVal(False) if fn is not None else UNKNOWN
        return ConstVal(True)
    except Exception:  # noqa: BLE001 - comparing odd constants: just unknown
        return UNKNOWN


def _is_scalar_const(value: Value) -> bool:
    return isinstance(value, ConstVal) and isinstance(value.value, (int, float, str))


def _surely_tensor(value: Value) -> bool:
    """A tensor on every path: not joined with None, not a `.grad` (None until a backward
    reaches it), and made by the code followed, not guessed (an argument taken to be a
    tensor, a type jedi inferred: their storage ids start with a tag). `residual is None`
    inside a layer called with a tensor then takes the branch that runs."""
    return (
        isinstance(value, TensorVal)
        and not value.maybe_none
        and not value.grad_of
        and bool(value.sids)
        and not any(sid and isinstance(sid[0], str) for sid in value.sids)
    )


def _fold_membership(item: Value, container: Value, positive: bool) -> Value:
    """`"type" in cfg` on a dict whose keys are known, `act in ["Tanh", "Sigmoid"]` on
    constants."""
    if not isinstance(item, ConstVal):
        return UNKNOWN
    if isinstance(container, DictVal):
        keys = [k for k, _ in container.items]
    elif isinstance(item.value, ClassKey) and isinstance(container, TupleVal):
        # `type(m) in (nn.Linear, nn.Conv2d)`
        classes = [class_key(i) for i in container.items]
        if any(c is None for c in classes):
            return UNKNOWN
        keys = classes  # type: ignore[assignment]
    elif isinstance(container, TupleVal) and all(isinstance(i, ConstVal) for i in container.items):
        keys = [i.value for i in container.items if isinstance(i, ConstVal)]
    elif isinstance(container, ConstVal) and isinstance(container.value, (str, tuple, frozenset)):
        keys = container.value  # type: ignore[assignment]
    else:
        return UNKNOWN
    try:
        return ConstVal((item.value in keys) == positive)
    except TypeError:  # `1 in "abc"`
        return UNKNOWN


_NONE = ConstVal(None)
# values that are never None on any path (a join of None with one of them is unknown)
_NEVER_NONE = (FuncVal, ClassVal, ModuleObj, TorchFnVal, OptimizerVal, DictVal)


def _property_kind(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """'getter' for `@property`, 'setter' for `@name.setter`, else None."""
    for dec in node.decorator_list:
        if isinstance(dec, ast.Name) and dec.id in ("property", "cached_property"):
            return "getter"
        if isinstance(dec, ast.Attribute) and dec.attr == "setter":
            return "setter"
    return None
