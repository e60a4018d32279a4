"""Expressions: names, attributes, subscripts, operators, comprehensions, and what jedi adds where
local inference has no type."""

from __future__ import annotations

import ast

from .. import torch_api as api
from ..imports import dotted_name
from ..state import SaveRecord, State, join_states
from ..values import (
    UNKNOWN,
    AutogradCtx,
    BoundMethod,
    ClassVal,
    ConstVal,
    DictVal,
    DistVal,
    FuncVal,
    ListObj,
    MapVal,
    ModuleNsVal,
    ModuleObj,
    NamedTupleVal,
    NumpyVal,
    OptimizerVal,
    SeqVal,
    TensorVal,
    TorchFnVal,
    Tri,
    TupleVal,
    Value,
    class_key,
    join_values,
    plus_saves,
)
from . import named_tuples, rnn_weights
from .base import InterpreterBase
from .helpers import (
    _assumed,
    _describe_saved,
    _fold_compare,
    _index_kind,
    _is_name_like,
    _is_nn_class,
    _join_alike,
    _join_all,
    _list_view,
    _truth,
)
from .registries import name_of
from .slices import fold_binop, tuple_slice


class Expressions(InterpreterBase):
    def element_of(self, iterable: Value, node: ast.expr, state: State) -> Value:
        if isinstance(iterable, TensorVal) and not _assumed(iterable):
            return self.multi_view(iterable, "Unbind", node, state)
        if isinstance(iterable, SeqVal):
            return iterable.elem
        if isinstance(iterable, ListObj) and not _layers_one_by_one(iterable):
            return iterable.elem if iterable.elem is not None else UNKNOWN
        if isinstance(iterable, (TupleVal, ListObj)):
            # layers of one class kept in a list (`self.nets.append(net)` in a loop run once
            # per index) stand for each other, as a tuple's do
            out: Value | None = None
            for item in iterable.items:
                out = item if out is None else _join_alike(out, item)
            return out if out is not None else UNKNOWN
        if isinstance(iterable, ModuleObj) and iterable.children:
            first = iterable.children[0]
            alike = all(c.kind == first.kind and c.cls is first.cls for c in iterable.children)
            return first if alike else UNKNOWN
        return UNKNOWN

    def _relookup(self, node: ast.expr, value: Value, state: State) -> Value:
        """A name's value again, after later parts of the expression may have aged it."""
        if not isinstance(value, TensorVal) or not _is_name_like(node):
            return value
        again = self.eval_quiet(node, state)
        return again if isinstance(again, TensorVal) else value

    def eval_quiet(self, node: ast.expr, state: State) -> Value:
        """Look a value up without running the expression's effects again."""
        if isinstance(node, ast.Name):
            return self.lookup(node.id, state)
        if isinstance(node, ast.Attribute):
            key = dotted_name(node)
            if key and key in state.env:
                return state.env[key]
            obj = self.eval_quiet(node.value, state)
            return self.getattr_(obj, node, state, quiet=True)
        if isinstance(node, ast.Constant):  # `outs["seg"] += b`: the key
            return ConstVal(node.value)
        return UNKNOWN

    def _eval_boolop(self, node: ast.BoolOp, state: State, stmt: ast.stmt) -> Value:
        """`a or b`, `a and b` with Python's short-circuit: an operand whose truth is known
        decides (`feature_map or default_map` with `feature_map=None` is `default_map`)."""
        stop_on = isinstance(node.op, ast.Or)  # `or` stops at a true operand, `and` at a false
        candidates: list[Value] = []
        unknown_bools = True  # every operand of unknown truth so far is a bool
        for index, expr in enumerate(node.values):
            value = self.eval(expr, state, stmt)
            truth = _truth(value)
            if index == len(node.values) - 1 or truth is stop_on:
                if (
                    truth is stop_on
                    and unknown_bools
                    and isinstance(value, ConstVal)
                    and value.value is stop_on
                ):
                    # `n > cached or stale.is_inference()` with the last True: an earlier
                    # operand is the result only when it is True as well
                    return value
                candidates.append(value)
                break
            if truth is None:
                candidates.append(value)  # may be the result; the next ones may be too
                unknown_bools = unknown_bools and _bool_valued(expr)
        return candidates[0] if len(candidates) == 1 else _join_all(candidates)

    def lookup(self, name: str, state: State) -> Value:
        if name in state.env:
            return state.env[name]
        closure = self.frames[-1].closure if self.frames else None
        if closure is not None and name in closure:
            return closure[name]
        if self.frames and name in self.frames[-1].globals:
            if self.recorder is not None and self.scope is self.main_scope:
                self.recorder.names.add(name)
            return self.frames[-1].globals[name]
        return UNKNOWN

    def eval(self, node: ast.expr | None, state: State, stmt: ast.stmt) -> Value:
        # exact type tests first, most frequent first: this runs for every expression node
        kind = type(node)
        if kind is ast.Name:
            found = self.lookup(node.id, state)  # type: ignore[union-attr]
            return self._torch_function(node) if found is UNKNOWN else found  # type: ignore[arg-type]
        if kind is ast.Attribute:
            key = dotted_name(node)  # type: ignore[arg-type]
            if key and key in state.env:
                return state.env[key]
            obj = self.eval(node.value, state, stmt)  # type: ignore[union-attr]
            found = self.getattr_(obj, node, state)  # type: ignore[arg-type]
            return self._torch_function(node) if found is UNKNOWN else found  # type: ignore[arg-type]
        if kind is ast.Call:
            return self.eval_call(node, state, stmt)  # type: ignore[arg-type]
        if kind is ast.Constant:
            return ConstVal(node.value)  # type: ignore[union-attr]
        if node is None:
            return UNKNOWN
        if isinstance(node, ast.Dict):
            return self.eval_dict(node, state, stmt)
        if isinstance(node, ast.BinOp):
            return self.eval_binop(node, state, stmt)
        if isinstance(node, ast.UnaryOp):
            operand = self.eval(node.operand, state, stmt)
            if isinstance(operand, TensorVal) and isinstance(node.op, (ast.USub, ast.UAdd)):
                return (
                    self.apply_op(self.table.row("neg"), {"0": operand}, node, stmt, state, "neg")
                    if isinstance(node.op, ast.USub)
                    else operand
                )
            if (
                isinstance(operand, ConstVal)
                and isinstance(operand.value, (int, float))
                and isinstance(node.op, (ast.USub, ast.UAdd))
            ):
                return ConstVal(-operand.value if isinstance(node.op, ast.USub) else operand.value)
            if isinstance(operand, ConstVal) and isinstance(node.op, ast.Not):
                return ConstVal(not operand.value)
            return UNKNOWN
        if isinstance(node, ast.Compare):
            vals = [self.eval(node.left, state, stmt)] + [
                self.eval(c, state, stmt) for c in node.comparators
            ]
            tensors = [v for v in vals if isinstance(v, TensorVal)]
            if tensors and not all(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops):
                return self.fresh_tensor(node, Tri.NO, state, deps=frozenset())
            return _fold_compare(node, vals)  # `x is None`: an identity, never a tensor
        if isinstance(node, ast.BoolOp):
            return self._eval_boolop(node, state, stmt)
        if isinstance(node, ast.Subscript):
            base = self.eval(node.value, state, stmt)
            index = self.eval(node.slice, state, stmt)
            return self.eval_subscript(base, index, node, state)
        if isinstance(node, ast.List) and not node.elts:
            return ListObj()
        if isinstance(node, (ast.Tuple, ast.List)):
            items: list[Value] = []
            for elt in node.elts:
                if isinstance(elt, ast.Starred):
                    expanded = self._expand_starred(elt, state, stmt)
                    if isinstance(expanded, SeqVal):
                        return expanded
                    items.extend(expanded)
                else:
                    items.append(self.eval(elt, state, stmt))
            return TupleVal(tuple(items))
        if isinstance(node, ast.IfExp):
            truth = _truth(self.eval(node.test, state, stmt))
            if truth is True:
                return self.eval(node.body, state, stmt)
            if truth is False:
                return self.eval(node.orelse, state, stmt)
            a_state, b_state = state.copy(), state.copy()
            with self.guessed_paths():
                a = self.eval(node.body, a_state, stmt)
                b = self.eval(node.orelse, b_state, stmt)
            merged = join_states(a_state, b_state)
            state.env, state.saves, state.multi_dirty = merged.env, merged.saves, merged.multi_dirty
            return join_values(a, b)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return self.eval_comprehension(node, state, stmt)
        if isinstance(node, ast.Lambda):
            in_function = bool(self.frames) and self.frame.func is not None
            return FuncVal(node, closure=state.env if in_function else None, module=self.scope)
        if isinstance(node, ast.NamedExpr):
            value = self.eval(node.value, state, stmt)
            self.bind(node.target, value, state, stmt)
            return value
        if isinstance(node, ast.Starred):
            return self.eval(node.value, state, stmt)
        if isinstance(node, ast.JoinedStr):
            return self.eval_fstring(node, state, stmt)
        if isinstance(node, ast.Dict):
            for part in (*node.keys, *node.values):
                if part is not None:
                    self.eval(part, state, stmt)
            return UNKNOWN
        if isinstance(node, ast.Slice):
            for part in (node.lower, node.upper, node.step):
                if part is not None:
                    self.eval(part, state, stmt)
            return UNKNOWN
        if isinstance(node, ast.DictComp):  # `{k: build(v) for k, v in cfg.items()}`
            return self.eval_dict_comp(node, state, stmt)
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return self.eval_yield(node, state, stmt)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.eval(child, state, stmt)
        return UNKNOWN

    def _ctx_saved(self, ctx: AutogradCtx, node: ast.AST, state: State) -> TensorVal:
        """`ctx.saved_tensors` in a custom Function: tensors autograd keeps for every later
        backward through the same graph (retain_graph, double backward)."""
        cls_node = ctx.cls.node
        saver = next(
            (
                n
                for n in ast.walk(cls_node)
                if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute)
                and n.func.attr == "save_for_backward"
            ),
            cls_node,
        )
        sid = ("ctx-saved", cls_node.lineno, cls_node.col_offset)
        key = (*sid, "ctx")
        if key not in state.saves:
            state.own_saves()[key] = SaveRecord(
                key,
                frozenset({sid}),
                "ctx.save_for_backward",
                self.src.span(saver),
                "a tensor saved with `ctx.save_for_backward`",
                certain=False,
                node=saver,
                clonable=False,
            )
        return TensorVal(sids=frozenset({sid}), rg=Tri.MAYBE, deps=frozenset({key}))

    def eval_fstring(self, node: ast.JoinedStr, state: State, stmt: ast.stmt) -> Value:
        """f"Conv{dim}d" with known parts is a constant (layer names built from config). Every
        replacement field runs, known or not: a log line's f"{normalise_(h):.3f}" calls the
        helper, and its writes happen there."""
        parts: list[str] | None = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                if parts is not None:
                    parts.append(str(value.value))
                continue
            if not isinstance(value, ast.FormattedValue):
                parts = None
                continue
            inner = self.eval(value.value, state, stmt)
            if value.format_spec is not None:
                self.eval(value.format_spec, state, stmt)
            known = isinstance(inner, ConstVal) and value.conversion == -1
            if parts is not None and known and value.format_spec is None:
                parts.append(str(inner.value))  # type: ignore[union-attr]
            else:
                parts = None
        return UNKNOWN if parts is None else ConstVal("".join(parts))

    def _map(
        self, fn: FuncVal | TorchFnVal, iterable: Value, node: ast.Call, state: State
    ) -> Value:
        """`map(f, (q, k, v))`: f applied to each element (each known element of a tuple)."""
        items = list(iterable.items) if isinstance(iterable, TupleVal) else None
        elems = (
            items
            if items is not None and len(items) <= 8
            else [self.element_of(iterable, node, state)]
        )
        results: list[Value] = []
        for elem in elems:
            if isinstance(fn, TorchFnVal):
                results.append(UNKNOWN)
            else:
                results.append(self._invoke(fn, [elem], {}, node, state, None))
        if items is not None and len(items) <= 8:
            return TupleVal(tuple(results))
        return SeqVal(results[0])

    def getattr_by_name(self, obj_node: ast.expr, obj: Value, name: str, state: State) -> Value:
        """`getattr(nn, "ReLU")`, `getattr(F, act)`, `getattr(self, "fc1")`."""
        qual = self.imports.qualify(obj_node)
        if qual is not None and qual.startswith("torch"):
            full = f"{qual}.{name}"
            if self.table.lookup(full) is not None or full in api.LAYERS or _is_nn_class(full):
                return TorchFnVal(full)
            return UNKNOWN
        if isinstance(obj, ModuleObj):
            found = self.get_attr(obj, name, state)
            if found is None:
                found = self._layer_parameter(obj, name)
            return found if found is not None else UNKNOWN
        if isinstance(obj, ModuleNsVal):  # `getattr(models, "UNet")`
            return self.module_member(obj, name, state)
        return UNKNOWN

    def _layer_parameter(self, obj: ModuleObj, name: str) -> TensorVal | None:
        """`lstm.bias_hh_l0`, `getattr(gru, f"weight_ih_l{k}")`: a parameter of a torch layer
        whose parameters we do not name one by one (a leaf that requires grad)."""
        if obj.cls is not None or not name.startswith(("weight", "bias")):
            return None
        params = self._opaque_params(obj)
        return params[0] if params else None

    def _torch_function(self, node: ast.expr) -> Value:
        """`torch.mul` / `F.relu` named without calling it: a value to call later."""
        qual = self.imports.qualify(node)
        if (
            qual is not None
            and qual.startswith("torch.")
            and (
                self.table.lookup(qual) is not None
                or qual in api.LAYERS
                or api.is_optimizer(qual)  # `base_optimizer = torch.optim.SGD`
                or qual in api.GRAD_CONTEXTS  # `(torch.inference_mode if new else torch.no_grad)`
                # any other torch.nn class (`Upsample` in a YOLO config list): called later
                # it is a layer like one called by name, and `block is Detect` can be told
                or _names_nn_class(qual)
            )
        ):
            return TorchFnVal(qual)
        return UNKNOWN

    def eval_dict(self, node: ast.Dict, state: State, stmt: ast.stmt) -> Value:
        items: list[tuple[object, Value]] = []
        tracked = True
        for k, v in zip(node.keys, node.values, strict=True):
            value = self.eval(v, state, stmt)
            key = self.eval(k, state, stmt) if k is not None else UNKNOWN
            if isinstance(key, ConstVal):
                items.append((key.value, value))
            elif (cls := class_key(key)) is not None:
                items.append((cls, value))  # `{nn.Linear: linear_diag, ...}`
            else:
                tracked = False  # computed keys or `**other`
        return DictVal(tuple(items)) if tracked else UNKNOWN

    def eval_comprehension(
        self, node: ast.ListComp | ast.GeneratorExp | ast.SetComp, state: State, stmt: ast.stmt
    ) -> Value:
        inner = state.copy()
        for gen in node.generators:
            it = self.eval(gen.iter, inner, stmt)
            self.bind(gen.target, self.element_of(it, gen.iter, inner), inner, stmt)
            for cond in gen.ifs:
                self.eval(cond, inner, stmt)
        elem = self.eval(node.elt, inner, stmt)
        state.saves, state.multi_dirty = inner.saves, inner.multi_dirty
        return SeqVal(elem)

    def getattr_(self, obj: Value, node: ast.Attribute, state: State, quiet: bool = False) -> Value:
        attr = node.attr
        if isinstance(obj, TensorVal):
            if attr == "data":
                return TensorVal(
                    sids=frozenset({("data", *sorted(map(str, obj.sids)))}),
                    rg=Tri.NO,
                    data_of=obj.sids | obj.data_of,
                    origin=obj.origin,
                )
            if attr == "grad":
                return TensorVal(
                    sids=frozenset({("grad", *sorted(map(str, obj.sids)))}),
                    rg=Tri.NO,
                    grad_of=True,
                )
            if attr in api.VIEW_ATTRIBUTES:
                return self.view_of(obj, node, state, attr)
            return UNKNOWN
        if isinstance(obj, NamedTupleVal):
            field = named_tuples.attribute(obj, attr)
            if field is not None:
                return field
        if isinstance(obj, ModuleObj):
            found = self.get_attr(obj, attr, state)
            if found is None:
                found = self._layer_parameter(obj, attr)
            if found is None:
                found = rnn_weights.layer_attribute(obj, attr)  # `self.num_layers` of a GRU
            if found is None and attr == "_modules":
                # `target_layer._modules[name]`: the children by name, as named_children()
                named = self._named_submodules(obj, state, deep=False)
                found = DictVal(tuple(named)) if named is not None else None
            if found is None and attr == "training" and self.frames and self.frames[0].func is None:
                # the script's own flow made it: modules start in training mode (`eval()` and
                # `train()` set the flag in the flow; a function analysed on its own cannot know)
                found = ConstVal(True)
            if found is not None:
                return found
            if obj.cls is not None and attr in obj.cls.getters and not quiet:
                return self._invoke(obj.cls.getters[attr], [], {}, node, state, obj)
            if obj.cls is not None and attr in obj.cls.methods:
                return BoundMethod(obj, attr)
            if obj.cls is not None and attr in obj.cls.attrs:
                return obj.cls.attrs[attr]  # a class-level attribute read through `self`
            if obj.cls is not None and attr not in api.MODULE_METHODS:
                return UNKNOWN
            return BoundMethod(obj, attr)
        if isinstance(obj, AutogradCtx) and attr in ("saved_tensors", "saved_variables"):
            return SeqVal(self._ctx_saved(obj, node, state))
        if isinstance(obj, DistVal):
            if attr in api.DIST_TENSOR_ATTRIBUTES:
                return TensorVal(
                    sids=frozenset({("dist", *self.site(node))}), rg=obj.rg, deps=obj.deps
                )
            return BoundMethod(obj, attr)
        if isinstance(obj, OptimizerVal) and attr == "param_groups" and obj.groups is not None:
            return obj.groups  # (built from groups of dicts: those)
        if isinstance(obj, (OptimizerVal, NumpyVal)):
            return BoundMethod(obj, attr)
        if isinstance(obj, ClassVal) and attr in obj.methods:
            return obj.methods[attr]
        if isinstance(obj, ClassVal) and attr in obj.attrs:
            return obj.attrs[attr]  # `Bottleneck.expansion`
        if isinstance(obj, ModuleNsVal) and self.linker is not None:
            return self.module_member(obj, attr, state)  # `models.UNet`, `models.__dict__`
        if attr == "__name__":  # `cls.__name__` as a registry key
            name = name_of(obj)
            return ConstVal(name) if name is not None else UNKNOWN
        return UNKNOWN

    def eval_subscript(self, base: Value, index: Value, node: ast.Subscript, state: State) -> Value:
        if isinstance(base, TensorVal):
            return self.subscript_view(base, node, state, index)
        if isinstance(base, DictVal) and isinstance(index, ConstVal):
            found = base.get(index.value)
            return found if found is not None else UNKNOWN
        if isinstance(base, DictVal) and 0 < len(base.items) <= 16:
            # `edge_index_dict[mp]` with `mp` not folded: any of its values
            return _join_all([v for _, v in base.items])
        if isinstance(base, MapVal):  # `cpu_weights[name]`: any of its values
            return base.value
        if (
            isinstance(base, TupleVal)
            and isinstance(index, ConstVal)
            and isinstance(index.value, int)
        ):
            try:
                return base.items[index.value]
            except IndexError:
                return UNKNOWN
        if isinstance(base, TupleVal) and isinstance(node.slice, ast.Slice):
            part = tuple_slice(base, node.slice)
            if part is not None:
                return part
        if isinstance(base, TupleVal):
            return self.element_of(base, node, state)
        if isinstance(base, SeqVal):
            return base if isinstance(node.slice, ast.Slice) else base.elem
        if isinstance(base, ListObj):  # `outs.append(y)` ... `outs[0]`
            if isinstance(node.slice, ast.Slice):
                return SeqVal(base.elem) if base.elem is not None else UNKNOWN
            return self.eval_subscript(_list_view(base), index, node, state)
        if (
            isinstance(base, ModuleObj)
            and isinstance(index, ConstVal)
            and isinstance(index.value, str)
            and self.is_module_dict(base)
        ):  # `self.heads["cls"]`, `self[data_key]` in a ModuleDict subclass
            found = self.get_attr(base, index.value, state)
            return found if found is not None else UNKNOWN
        if isinstance(base, ModuleObj) and base.children:
            first = base.children[0]
            if base.repeated or not (isinstance(index, ConstVal) and isinstance(index.value, int)):
                # built in a loop/comprehension or indexed by a variable: any of alike layers
                alike = all(c.kind == first.kind and c.cls is first.cls for c in base.children)
                return first if alike else UNKNOWN
            if isinstance(index, ConstVal) and isinstance(index.value, int):
                try:
                    return base.children[index.value]
                except IndexError:
                    return UNKNOWN
            return UNKNOWN
        if isinstance(base, NumpyVal):
            return base
        return UNKNOWN

    def subscript_view(
        self,
        base: TensorVal,
        node: ast.Subscript,
        state: State,
        index: Value | None = None,
        write: bool = False,
    ) -> TensorVal:
        """Basic indexing gives a view (same version counter); tensor/list indexing reads a
        copy, but an indexed *write* always lands in the base."""
        kind = _index_kind(node.slice, index)
        if kind == "copy" and not write:
            rg = base.rg if state.grad != Tri.NO else Tri.NO
            out = self.fresh_tensor(
                node, rg, state, deps=base.deps, origin_op="index", deps_from=base.deps_from
            )
            if rg == Tri.NO or state.inference_mode:
                return out
            # advanced indexing keeps its index tensors (integer or boolean) for backward:
            # writing one in place afterwards (`idx[idx == -1] = n` before the next gather)
            # breaks the backward of this read
            slice_nodes = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            items = index.items if isinstance(index, TupleVal) else (index,)
            sid = next(iter(out.sids))
            keys: list[tuple[object, ...]] = []
            for position, item in enumerate(items):
                if not isinstance(item, TensorVal):
                    continue
                arg_node = slice_nodes[position] if len(slice_nodes) == len(items) else None
                key = (*sid, f"index{position}")
                if item.inference:  # `emb[torch.arange(b), first_node]` of a rollout's state
                    self.det.on_inference_saved(
                        item,
                        node,
                        state,
                        "index",
                        _describe_saved(item, arg_node, self.src),
                        arg_node,
                    )
                self._record_save(
                    state,
                    key,
                    item.sids,
                    "index",
                    node,
                    _describe_saved(item, arg_node, self.src),
                    # (an argument only guessed to be a tensor may be an integer index tensor,
                    # which never requires grad: `edge_index[:, mask]` in a graph library)
                    certain=base.rg == Tri.YES
                    and state.grad == Tri.YES
                    and not item.may_alias
                    and not _assumed(base),
                    clonable=False,
                )
                keys.append(key)
            return plus_saves(out, frozenset(keys)) if keys else out
        if write and kind == "copy":
            return base
        return self.view_of(base, node, state, "select")

    def eval_binop(self, node: ast.BinOp, state: State, stmt: ast.stmt) -> Value:
        left = self.eval(node.left, state, stmt)
        right = self.eval(node.right, state, stmt)
        if _is_name_like(node.left) and not _is_name_like(node.right):
            left = self._relookup(node.left, left, state)  # the right side may have aged it
        if not isinstance(left, TensorVal) and not isinstance(right, TensorVal):
            if isinstance(left, NumpyVal) or isinstance(right, NumpyVal):
                return UNKNOWN
            return fold_binop(node.op, left, right)
        op = api.BINOP_METHODS.get(type(node.op).__name__)
        args: dict[str, Value] = {"0": left, "1": right}
        return self.apply_op(
            self.table.row(op) if op else None,
            args,
            node,
            stmt,
            state,
            op or "binop",
            arg_nodes={"0": node.left, "1": node.right},
        )

    def _jedi_worth_it(self, expr: ast.expr, state: State) -> bool:
        """Only where jedi's answer (a Parameter, a leaf that requires grad) could change the
        verdict: grad mode on, and not a write through `.data` or into `.grad`."""
        if self.jedi is None or state.grad == Tri.NO or self.scope is not self.main_scope:
            return False
        node = expr
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            if isinstance(node, ast.Attribute) and node.attr in ("data", "grad"):
                return False
            node = node.value
        return True

    def _rooted_in_parameter(self, expr: ast.expr) -> bool:
        """`p.add_()` on an unannotated function argument: jedi knows no more than we do."""
        while isinstance(expr, (ast.Attribute, ast.Subscript)):
            expr = expr.value
        func = self.frame.func if self.frames else None
        if not isinstance(expr, ast.Name) or func is None:
            return False
        a = func.node.args
        return expr.id in {p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs)} - {"self"}

    def _jedi_value(self, target: ast.expr) -> Value:
        """Ask jedi what an expression local inference could not type holds: a tensor (may
        require grad) or a Parameter (a leaf that requires grad). Names and attributes only."""
        if self.jedi is None or self._rooted_in_parameter(target):
            return UNKNOWN
        if isinstance(target, ast.Name):
            line, col = target.lineno, target.col_offset
        elif (
            isinstance(target, ast.Attribute)
            and target.end_lineno is not None
            and (target.end_col_offset is not None)
        ):
            line, col = target.end_lineno, target.end_col_offset - len(target.attr)
        else:
            return UNKNOWN
        full = self.jedi.type_of_name(line, col)  # type: ignore[attr-defined]
        if full is None:
            return UNKNOWN
        sid = frozenset({("jedi", line, col)})
        if "Parameter" in full:
            return TensorVal(sids=sid, rg=Tri.YES, leaf_rg=Tri.YES, param=True)
        return TensorVal(sids=sid, rg=Tri.MAYBE)


def _layers_one_by_one(lst: ListObj) -> bool:
    """A list of layers whose items are all known (its tensors are read through its joined
    element, which the allocation ageing keeps current)."""
    return (
        lst.ordered
        and 0 < len(lst.items) < ListObj.MAX_ITEMS
        and all(isinstance(item, ModuleObj) for item in lst.items)
    )


def _bool_valued(expr: ast.expr) -> bool:
    """The expression's value is a bool whatever its operands (a comparison, `not`, and/or
    of such), so a known bool is all it can be replaced by."""
    if isinstance(expr, ast.Compare) or (
        isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not)
    ):
        return True
    if isinstance(expr, ast.BoolOp):
        return all(_bool_valued(v) for v in expr.values)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
        return expr.func.id in ("isinstance", "issubclass", "hasattr", "callable", "bool")
    return False


def _names_nn_class(qual: str) -> bool:
    """`torch.nn.Upsample`: a class of torch.nn itself (not of a submodule such as
    torch.nn.functional, whose names are functions)."""
    head, _, name = qual.rpartition(".")
    return head == "torch.nn" and name[:1].isupper()
