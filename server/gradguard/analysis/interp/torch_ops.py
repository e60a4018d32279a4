"""Torch ops: what each op saves for backward, views and multi-output views, in-place and `out=`
writes, allocation sites."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import replace

from ...optable.table import OpRow, SaveRule
from .. import torch_api as api
from ..findings import Span
from ..state import CallChain, Mutation, SaveRecord, SiteRenamer, State, allocate
from ..values import (
    UNKNOWN,
    ConstVal,
    CtxVal,
    DictVal,
    DistVal,
    FuncVal,
    ModuleObj,
    NamedTupleVal,
    NumpyVal,
    OptimizerVal,
    Origin,
    SeqVal,
    Sid,
    TensorVal,
    Tri,
    TupleVal,
    Value,
    plus_saves,
    saves_from,
    union_deps,
    write_lands_surely,
)
from . import backward_hooks, parametrizations
from .base import InterpreterBase
from .helpers import (
    _describe_saved,
    _einsum_operands,
    _enter,
    _flatten,
    _is_nn_class,
    _merge_into,
    _op_args,
    _param_sids,
    _requires_grad_kw,
    _tag,
    _trigger,
)
from .inplace_history import inplace_history
from .optimizer_bases import groups_of, params_of_groups


class TorchOps(InterpreterBase):
    def call_qualified(self, qual: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        if qual == "torch.device":
            args, kwargs = self._eval_args(node, state, stmt)
            return _device(args, kwargs, self.src.span(node))
        if qual in backward_hooks.GLOBAL_HOOKS:
            # every module's calls from here on wrap their inputs and outputs in views
            self._eval_args(node, state, stmt)
            how = "backward pre-hook" if qual.endswith("pre_hook") else "full backward hook"
            return backward_hooks.register(
                state, None, self.src.span(node), self.src.text(node), how
            )
        if qual in api.GRAD_CONTEXTS:
            args, kwargs = self._eval_args(node, state, stmt)
            kind = api.GRAD_CONTEXTS[qual]
            flag = Tri.YES
            if kind in ("set_grad", "inference"):
                first = args[0] if args else kwargs.get("mode", ConstVal(True))
                flag = (
                    Tri.of(first.value)
                    if isinstance(first, ConstVal) and isinstance(first.value, bool)
                    else Tri.MAYBE
                )
            ctx = CtxVal(kind, flag, site=(node.lineno, node.col_offset, *self._ctx_key()))
            if kind == "set_grad" and isinstance(stmt, ast.Expr) and stmt.value is node:
                _enter(ctx, state)  # torch.set_grad_enabled(False) as a plain call
            return ctx
        if qual in api.FACTORIES:
            args, kwargs = self._eval_args(node, state, stmt)
            out = kwargs.get("out")
            if isinstance(out, TensorVal):  # torch.arange(n, out=buf): writes into `buf`
                return self.call_out(out, {}, None, qual.split(".")[-1], node, stmt, state)
            rg = _requires_grad_kw(kwargs)
            return TensorVal(
                sids=frozenset({self.alloc(node, state)[0]}),
                rg=rg,
                leaf_rg=rg,
                origin=Origin(qual.split(".")[-1], self.src.span(node)),
                inference=state.inference_mode,
                scalar=_literal_scalar(args) if qual == "torch.tensor" else None,
            )
        if qual in api.PARAMETER_CLASSES:
            args, kwargs = self._eval_args(node, state, stmt)
            rg = _requires_grad_kw(kwargs, default=Tri.NO if qual == api.VARIABLE else Tri.YES)
            data = args[0] if args else kwargs.get("data")
            # Parameter(t) / Variable(t) share t's storage and version counter
            shared = data.sids if isinstance(data, TensorVal) and not data.deps else None
            return TensorVal(
                sids=shared or frozenset({self.alloc(node, state)[0]}),
                rg=rg,
                leaf_rg=rg,
                param=qual != api.VARIABLE,
                origin=Origin(qual.split(".")[-1], self.src.span(node)),
            )
        if qual in api.BACKWARD_FUNCTIONS:
            args, kwargs = self._eval_args(node, state, stmt)
            roots = args[:1] or [kwargs.get("outputs", kwargs.get("tensors", UNKNOWN))]
            for root in _flatten(roots[0]):
                if isinstance(root, TensorVal):
                    if not qual.endswith("grad"):  # `autograd.grad` fills no `.grad`
                        state.grads_set_by_backward(root.deps)
                    self.det.on_backward(root, node, stmt, state)
            create = kwargs.get("create_graph")
            if qual.endswith("grad") and isinstance(create, ConstVal) and create.value is True:
                # `autograd.grad(loss, params, create_graph=True)` (MAML, gradient penalties):
                # the gradients are part of a graph whose backward reads what the forward saved
                outs = [r for r in _flatten(roots[0]) if isinstance(r, TensorVal)]
                if outs and state.grad != Tri.NO:
                    deps: frozenset[tuple[object, ...]] = frozenset()
                    for r in outs:
                        deps = union_deps(deps, r.deps)
                    grad = self.fresh_tensor(
                        node,
                        Tri.YES,
                        state,
                        deps=deps,
                        origin_op="grad",
                        deps_from=saves_from(*outs),
                    )
                    return SeqVal(grad)
            return SeqVal(UNKNOWN) if qual.endswith("grad") else UNKNOWN
        if qual in api.LAYERS or qual in api.CONTAINERS or _is_nn_class(qual):
            return self.construct_layer(qual, node, state, stmt)
        if api.is_distribution(qual):
            args, kwargs = self._eval_args(node, state, stmt)
            tensors = [
                t
                for a in (*args, *kwargs.values())
                for t in _flatten(a)
                if isinstance(t, TensorVal)
            ]
            rg, deps = Tri.NO, frozenset[tuple[object, ...]]()
            for t in tensors:
                rg, deps = rg | t.rg, deps | t.deps
            # a distribution wrapping another (`Independent(Normal(mu, 1), 1)`) carries its
            # parameters' graph
            for inner in (*args, *kwargs.values()):
                if isinstance(inner, DistVal):
                    rg, deps = rg | inner.rg, deps | inner.deps
            return DistVal(rg if state.grad != Tri.NO else Tri.NO, deps)
        if api.is_optimizer(qual):
            args, kwargs = self._eval_args(node, state, stmt)
            params = args[0] if args else kwargs.get("params", UNKNOWN)
            groups = groups_of(params)  # `SGD(self.param_groups, ...)`: dicts of parameters
            if groups is not None:
                params = params_of_groups(groups)
            return OptimizerVal(_param_sids(params), self.src.span(node), groups=groups)
        if api.is_nn_init_inplace(qual):
            args, _ = self._eval_args(node, state, stmt)
            if args and isinstance(args[0], TensorVal):
                mut = self.mutation(node, stmt, "init", f"`{qual.split('.')[-1]}`", qual, True)
                state.touch(args[0].sids, mut)  # runs under no_grad: only the version moves
            return args[0] if args else UNKNOWN
        if qual.startswith("torch.Tensor."):
            method = qual.rsplit(".", 1)[1]
            if node.args:
                receiver = self.eval(node.args[0], state, stmt)
                if isinstance(receiver, TensorVal):
                    return self.call_tensor_method(
                        receiver, method, node, state, stmt, skip_first=True
                    )
            self._eval_args(node, state, stmt)
            return UNKNOWN
        if qual in api.DATA_LOADERS:
            args, kwargs = self._eval_args(node, state, stmt)
            return self._data_loader(args, kwargs, node, state)
        if qual in api.TENSOR_DATASETS:
            args, kwargs = self._eval_args(node, state, stmt)
            if kwargs or not args or not all(isinstance(a, TensorVal) for a in args):
                return UNKNOWN
            return ModuleObj(
                kind="torch.utils.data.TensorDataset",
                span=self.src.span(node),
                attrs={"tensors": TupleVal(tuple(args))},
            )
        if qual in parametrizations.WRAPPERS or qual in parametrizations.REMOVERS:
            args, kwargs = self._eval_args(node, state, stmt)
            return parametrizations.register(self, qual, args, kwargs)
        if qual.startswith("torch.nn.utils.") or qual.startswith("torch.utils."):
            self._eval_args(node, state, stmt)
            return UNKNOWN
        row = self.table.lookup(qual)
        args, kwargs = self._eval_args(node, state, stmt)
        op_args = _op_args(args, kwargs)
        name = qual.split(".")[-1]
        inplace_kw = kwargs.get("inplace")
        at = (
            api.FUNCTIONAL_INPLACE_ARG.get(name)
            if qual.startswith("torch.nn.functional.")
            else None
        )
        if inplace_kw is None and at is not None and len(node.args) == len(args) > at:
            inplace_kw = args[at]  # `F.relu(x, True)`
        if name.endswith("_") and not name.endswith("__") and op_args.get("0") is not None:
            return self.call_inplace(op_args, row, name, node, stmt, state, kind="method")
        if isinstance(op_args.get("0"), TensorVal) and api.drops_nothing(
            qual, kwargs.get("p", args[1] if len(args) > 1 else None)
        ):
            return op_args["0"]  # `F.dropout(x, 0.0, inplace=True)`: x itself, untouched
        if isinstance(inplace_kw, ConstVal) and inplace_kw.value is True and row is not None:
            return self.call_inplace(op_args, row, name, node, stmt, state, kind="inplace_kw")
        out = kwargs.get("out")
        if out is not None and isinstance(out, (TensorVal, TupleVal)):
            return self.call_out(out, op_args, row, name, node, stmt, state)
        if row is None and not any(isinstance(v, TensorVal) for v in op_args.values()):
            return UNKNOWN
        arg_nodes = {str(i): a for i, a in enumerate(node.args)}
        arg_nodes.update({kw.arg: kw.value for kw in node.keywords if kw.arg})
        if row is not None and row.key == "einsum":
            row, op_args, arg_nodes = _einsum_operands(row, args, node)
        if (
            row is not None
            and row.key in api.BINARY_FORMS
            and isinstance(op_args.get("1"), TensorVal)
        ):
            row = self.table.row(api.BINARY_FORMS[row.key]) or row
        if row is not None and row.key == "nn.functional.interpolate":
            mode = kwargs.get("mode", op_args.get("3", ConstVal("nearest")))
            if isinstance(mode, ConstVal) and mode.value not in api.INTERPOLATE_KEEPS_INPUT:
                row = replace(row, saves=SaveRule({}, frozenset()))
        if row is not None and row.key == "nn.functional.pad":
            mode = kwargs.get("mode", op_args.get("2", ConstVal("constant")))
            if isinstance(mode, ConstVal) and mode.value not in api.PAD_KEEPS_INPUT:
                row = replace(row, saves=SaveRule({}, frozenset()))
        order = api.ARG_ORDER.get(row.key) if row is not None else None
        if order:
            op_args = {order.get(k, k): v for k, v in op_args.items()}
            arg_nodes = {order.get(k, k): v for k, v in arg_nodes.items()}
        return self.apply_op(row, op_args, node, stmt, state, name, arg_nodes=arg_nodes)

    def call_tensor_method(
        self,
        receiver: TensorVal,
        method: str,
        node: ast.Call,
        state: State,
        stmt: ast.stmt,
        skip_first: bool = False,
    ) -> Value:
        call_args = node.args[1:] if skip_first else node.args
        args: list[Value] = [self.eval(a, state, stmt) for a in call_args]
        kwargs = {kw.arg: self.eval(kw.value, state, stmt) for kw in node.keywords if kw.arg}
        if method == "backward":
            state.grads_set_by_backward(receiver.deps)
            self.modelled_backwards.add(node)
            self.det.on_backward(receiver, node, stmt, state)
            return ConstVal(None)
        if method in api.NON_DATA_INPLACE:
            if method == "requires_grad_":
                flag = args[0] if args else kwargs.get("requires_grad", ConstVal(True))
                rg = (
                    Tri.of(flag.value)
                    if isinstance(flag, ConstVal) and isinstance(flag.value, bool)
                    else Tri.MAYBE
                )
                new = receiver.with_(
                    rg=rg,
                    leaf_rg=rg
                    if receiver.deps == frozenset()
                    and (receiver.leaf_rg != Tri.NO or receiver.rg == Tri.NO)
                    else receiver.leaf_rg,
                )
                self._rebind_receiver(node, new, state, skip_first)
                if not receiver.deps and (receiver.param or receiver.leaf_rg != Tri.NO):
                    # `for p in model.llm.parameters(): p.requires_grad_(False)`: the module's
                    # own slots change too; turned on through a loop variable that stands for
                    # several parameters (some of them, under a test we do not fold): maybe
                    several = len(receiver.sids) > 1 and rg == Tri.YES
                    self._set_requires_grad(receiver.sids, Tri.MAYBE if several else rg, state)
                return new
            if method == "detach_":
                new = receiver.with_(rg=Tri.NO, leaf_rg=Tri.NO, deps=frozenset())
                self._rebind_receiver(node, new, state, skip_first)
                return new
            return receiver
        if method == "item" and receiver.scalar is not None:
            return ConstVal(receiver.scalar)
        if method == "data_ptr" and not node.args:
            # `query.data_ptr() == key.data_ptr()` (self-attention given one tensor thrice)
            return ConstVal(StoragePointer(receiver.sids, receiver.is_view))
        if method in api.NON_TENSOR_METHODS:
            return UNKNOWN
        if method == "numpy":
            return NumpyVal(receiver.sids | receiver.data_of)
        if method == "detach":
            return receiver.with_(
                rg=Tri.NO, leaf_rg=Tri.NO, deps=frozenset(), view_kind=None, is_view=True
            )
        if method == "clone":
            return self.fresh_tensor(
                node,
                receiver.rg if state.grad != Tri.NO else Tri.NO,
                state,
                deps=receiver.deps,
                origin_op="clone",
                deps_from=saves_from(receiver),
            )
        if method in api.MULTI_VIEW_METHODS:
            views = self.multi_view(receiver, api.MULTI_VIEW_METHODS[method], node, state)
            return SeqVal(views)
        if method.endswith("_") and not method.endswith("__"):
            row = self.table.lookup(f"Tensor.{method}") or self.table.lookup(
                f"Tensor.{method[:-1]}"
            )
            op_args = _op_args([receiver, *args], kwargs)
            return self.call_inplace(
                op_args, row, method, node, stmt, state, kind="method", skip_first=skip_first
            )
        cast = self._dtype_cast(node, call_args) if method in ("to", "type") else None
        if cast == "same":
            return receiver
        if (
            cast == "copy"
            or method in api.COPYING_CONVERSIONS
            or (method in api.CONTIGUITY_DEPENDENT and receiver.noncontig)
        ):
            return self.fresh_tensor(
                node,
                receiver.rg if state.grad != Tri.NO else Tri.NO,
                state,
                deps=receiver.deps,
                origin_op=method,
                deps_from=saves_from(receiver),
            )
        if method in api.MAYBE_SELF:
            # a reshape of a view copies when the view is not contiguous: unsure
            unsure = method in api.UNSURE_SELF or (
                receiver.is_view and method in api.CONTIGUITY_DEPENDENT
            )
            return receiver.with_(may_alias=unsure, leaf_alts=receiver.leaf_alts and not unsure)
        if method in api.VIEW_METHODS:
            return self.view_of(receiver, node, state, method)
        row = self.table.lookup(f"Tensor.{method}")
        if row is not None and row.multi_view:
            return SeqVal(self.multi_view(receiver, _multi_view_op(method), node, state))
        if row is not None and row.view:
            return self.view_of(receiver, node, state, method)
        op_args = _op_args([receiver, *args], kwargs)
        if method in api.NONDIFF_METHODS:
            return self.fresh_tensor(node, Tri.NO, state, deps=frozenset())
        arg_nodes = {"0": node.func.value if isinstance(node.func, ast.Attribute) else node}
        arg_nodes.update({str(i + 1): a for i, a in enumerate(call_args)})
        arg_nodes.update({kw.arg: kw.value for kw in node.keywords if kw.arg})
        out = kwargs.get("out")
        if out is not None and isinstance(out, TensorVal):
            return self.call_out(out, op_args, row, method, node, stmt, state)
        return self.apply_op(row, op_args, node, stmt, state, method, arg_nodes=arg_nodes)

    def _dtype_cast(self, node: ast.Call, call_args: list[ast.expr]) -> str | None:
        """`x.to(torch.float32)` is x itself ("same": a float32 tensor is the default, as for
        `.float()`), `x.to(torch.float16)` a copy ("copy"); None when the call names no dtype
        (a device, another tensor, a dtype held in a variable). `copy=True` copies."""
        cast = self._names_dtype(node, call_args)
        copies = any(
            kw.arg == "copy"
            and not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
            for kw in node.keywords
        )
        return ("copy" if cast else None) if copies else cast

    def _names_dtype(self, node: ast.Call, call_args: list[ast.expr]) -> str | None:
        given = [*call_args, *(k.value for k in node.keywords if k.arg in ("dtype", "dst_type"))]
        names = [self.imports.qualify(arg) for arg in given]
        if any(name in api.OTHER_DTYPES for name in names):
            return "copy"
        same = [name in api.SAME_DTYPES for name in names]
        if any(same) and all(ok or _device_only(a) for ok, a in zip(same, given, strict=True)):
            return "same"
        return None

    def _rebind_receiver(
        self, node: ast.Call, new: TensorVal, state: State, skip_first: bool
    ) -> None:
        target = (
            node.args[0]
            if skip_first and node.args
            else (node.func.value if isinstance(node.func, ast.Attribute) else None)
        )
        if isinstance(target, (ast.Name, ast.Attribute)):
            self._rebind_expr(target, new, state)

    def call_inplace(
        self,
        op_args: dict[str, Value],
        row: OpRow | None,
        name: str,
        node: ast.Call,
        stmt: ast.stmt,
        state: State,
        kind: str,
        skip_first: bool = False,
    ) -> Value:
        target = op_args.get("0")
        if not isinstance(target, TensorVal):
            return UNKNOWN
        others = [v for k, v in op_args.items() if k != "0" and isinstance(v, TensorVal)]
        mut = self.mutation(
            node, stmt, kind, f"`{self.src.text(node)}`", name, certain=write_lands_surely(target)
        )
        new = self.inplace(target, others, mut, state, row=row, node=node, op_args=op_args)
        scalar = _scalar_after(name, op_args)
        if scalar is not None:
            new = new.with_(scalar=scalar)
        recv = (
            node.args[0]
            if (skip_first or kind == "inplace_kw") and node.args
            else (
                node.func.value
                if isinstance(node.func, ast.Attribute) and kind == "method"
                else None
            )
        )
        if (
            kind == "method"
            and not skip_first
            and isinstance(node.func, ast.Attribute)
            and self.imports.qualify(node.func) is not None
        ):
            recv = node.args[0] if node.args else None
        if isinstance(recv, (ast.Name, ast.Attribute)):
            self._rebind_expr(recv, new, state)
        elif isinstance(recv, ast.Subscript) and isinstance(recv.value, (ast.Name, ast.Attribute)):
            base = self.eval_quiet(recv.value, state)
            if isinstance(base, TensorVal):
                self._rebind_expr(recv.value, _merge_into(base, new), state)
        return new

    def inplace(
        self,
        target: TensorVal,
        others: Sequence[Value],
        mut: Mutation,
        state: State,
        row: OpRow | None,
        node: ast.AST | None = None,
        op_args: dict[str, Value] | None = None,
    ) -> TensorVal:
        """One in-place write to `target`: check it, bump its counter, return its new value
        (`op_args`: the call's arguments by position, where the op's other inputs it keeps for
        backward are read from)."""
        tensors = [o for o in others if isinstance(o, TensorVal)]
        if self.frames and target.sids & self.frames[-1].arg_sids:
            mut = replace(mut, caller_visible=True)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Attribute)
            and isinstance(self.eval_quiet(node.func.value.value, state), NamedTupleVal)
        ):
            mut = replace(mut, frozen_holder=True)
        if state.grad != Tri.YES or state.inference_mode or target.param:
            mut = replace(
                mut,
                grad_off=state.grad != Tri.YES or state.inference_mode,
                target_param=target.param,
            )
        # the tensor's own in-place history, read before this write changes what it saved
        history = inplace_history(state, target) if state.grad != Tri.NO else frozenset()
        self.det.on_inplace(target, tensors, mut, state)
        other_rg = Tri.NO
        deps = target.deps | history
        for o in tensors:
            other_rg = other_rg | o.rg
            deps = union_deps(deps, o.deps)
        grad_on = state.grad != Tri.NO
        rg = target.rg | (other_rg if grad_on else Tri.NO)
        new = target.with_(
            rg=rg,
            scalar=None,  # what it holds now: known only to call_inplace (`fill_(1)`)
            deps=deps if rg != Tri.NO else target.deps,
            # the history's saves may be of any generation
            deps_from=0 if history and rg != Tri.NO else saves_from(target, *tensors),
            leaf_rg=target.leaf_rg,
        )
        if (
            row is not None
            and row.inplace_saves is not None
            and grad_on
            and rg != Tri.NO
            and node is not None
        ):
            new = self._record_inplace_saves(row, target, tensors, new, node, mut, state, op_args)
        if (
            mut.caller_visible
            and not target.may_alias
            and (new.rg > target.rg or not new.deps <= target.deps)
        ):
            # the caller's names for this tensor run back through this write too
            self.frames[-1].arg_writes.append((target.sids, new.deps, new.rg))
        return new

    def _record_inplace_saves(
        self,
        row: OpRow,
        target: TensorVal,
        others: list[TensorVal],
        new: TensorVal,
        node: ast.AST,
        mut: Mutation,
        state: State,
        op_args: dict[str, Value] | None,
    ) -> TensorVal:
        rule = row.inplace_saves
        assert rule is not None
        args: dict[str, TensorVal] = {"0": target}
        if op_args is not None:  # by position: `scatter_add_(0, index, src)`
            args.update((k, v) for k, v in op_args.items() if k != "0" and isinstance(v, TensorVal))
        else:
            for i, o in enumerate(others, start=1):
                args[str(i)] = o
        new_keys: set[tuple[object, ...]] = set()
        for arg_id, triggers in rule.args.items():
            # the other inputs it keeps (`scatter_add_` its index when src requires grad)
            saved = args.get(arg_id) if op_args is not None and arg_id != "0" else None
            trig = _trigger(triggers, args) if saved is not None else Tri.NO
            if saved is None or trig == Tri.NO:
                continue
            key = (*self.site(node), arg_id)
            self._record_save(
                state,
                key,
                saved.sids,
                mut.op,
                node,
                _describe_saved(saved, None, self.src),
                certain=trig == Tri.YES and state.grad == Tri.YES,
                param=saved.param,
            )
            new_keys.add(key)
        if rule.output and _trigger(rule.output, args) != Tri.NO:
            key = (*self.site(node), "out")
            certain = _trigger(rule.output, args) == Tri.YES and state.grad == Tri.YES
            self._record_save(state, key, target.sids, mut.op, node, "its result", certain)
            new_keys.add(key)
        return plus_saves(new, new_keys).with_(
            origin=Origin(mut.op.rstrip("_"), self.src.span(node))
        )

    def call_out(
        self,
        out: Value,
        op_args: dict[str, Value],
        row: OpRow | None,
        name: str,
        node: ast.Call,
        stmt: ast.stmt,
        state: State,
    ) -> Value:
        targets = [t for t in _flatten(out) if isinstance(t, TensorVal)]
        inputs = [v for v in op_args.values() if isinstance(v, TensorVal)]
        for t in targets:
            mut = self.mutation(
                node,
                stmt,
                "out",
                f"`{self.src.text(node)}`",
                f"{name}(out=)",
                certain=write_lands_surely(t),
            )
            if self.det.on_out_call(t, inputs, mut, state, name):
                continue
            self.det.on_inplace(t, [], mut, state, check_leaf=False)
        return targets[0] if len(targets) == 1 else UNKNOWN

    def apply_op(
        self,
        row: OpRow | None,
        args: dict[str, Value],
        node: ast.AST,
        stmt: ast.stmt,
        state: State,
        name: str,
        arg_nodes: dict[str, ast.expr] | None = None,
        clonable: bool = True,
    ) -> Value:
        """An out-of-place op: record what it saves; return its output."""
        tensors = {k: v for k, v in args.items() if isinstance(v, TensorVal)}
        if not tensors:
            return UNKNOWN
        for v in tensors.values():
            self.det.on_use(v, node, state)
        if row is not None and row.multi_view and "0" in tensors:
            return SeqVal(self.multi_view(tensors["0"], _multi_view_op(name), node, state))
        if row is not None and row.view and "0" in tensors and name not in api.NOT_VIEWS:
            view = self.view_of(tensors["0"], node, state, name)
            return SeqVal(view) if name in api.SEQUENCE_VIEW_OPS else view
        sid, renamer = self.alloc(node, state)
        if renamer is not None:
            tensors = {k: renamer.value(v) for k, v in tensors.items()}  # type: ignore[misc]
        any_rg = Tri.NO
        deps: frozenset[tuple[object, ...]] = frozenset()
        for v in tensors.values():
            any_rg = any_rg | v.rg
            deps = union_deps(deps, v.deps)
        differentiable = row.differentiable if row is not None else True
        grad = state.grad
        rg = (
            Tri.NO
            if (grad == Tri.NO or not differentiable or state.inference_mode)
            else (any_rg if grad == Tri.YES else Tri(min(any_rg, Tri.MAYBE)))
        )
        out = TensorVal(
            sids=frozenset({sid}),
            rg=rg,
            leaf_rg=Tri.NO,
            deps=deps if rg != Tri.NO else frozenset(),
            deps_from=saves_from(*tensors.values()),
            origin=Origin(name, self.src.span(node)),
            inference=state.inference_mode,
        )
        # max/min/median(x, dim) return (values, indices); max/min(a, b) are elementwise
        with_dim = "dim" in args or ("1" in args and not isinstance(args["1"], TensorVal))
        tuple_result = name in api.TUPLE_RESULT_OPS and (name not in api.DIM_TUPLE_OPS or with_dim)
        if tuple_result:
            indices = TensorVal(
                sids=frozenset({(*sid, "idx")}), rg=Tri.NO, inference=state.inference_mode
            )
        outputs = api.MULTI_OUTPUT_OPS.get(row.key if row is not None else name)
        if outputs is not None:
            return self._multi_output(row, outputs, out, tensors, node, stmt, state, name)
        if row is None or rg == Tri.NO:
            return _values_indices(out, indices) if tuple_result else out
        new_keys = self._save_inputs(
            row, tensors, sid, node, stmt, state, name, arg_nodes, clonable
        )
        if (
            row.saves.output
            and _trigger(row.saves.output, tensors) != Tri.NO
            and not (tuple_result and name in api.DIM_TUPLE_OPS)
        ):  # those save their indices only
            key = (*sid, "out")
            self._record_save(
                state,
                key,
                out.sids,
                name,
                node,
                "its output",
                certain=_trigger(row.saves.output, tensors) == Tri.YES and grad == Tri.YES,
                clonable=clonable,
                fills=_param_inputs(tensors),
            )
            new_keys.append(key)
        if new_keys:
            out = plus_saves(out, frozenset(new_keys))
        return _values_indices(out, indices) if tuple_result else out

    def _save_inputs(
        self,
        row: OpRow,
        tensors: dict[str, TensorVal],
        sid: Sid,
        node: ast.AST,
        stmt: ast.stmt,
        state: State,
        name: str,
        arg_nodes: dict[str, ast.expr] | None,
        clonable: bool,
    ) -> list[tuple[object, ...]]:
        """Record the inputs the op's row says it keeps (given which require grad); their
        save keys."""
        keys: list[tuple[object, ...]] = []
        fills = _param_inputs(tensors)
        for arg_id, triggers in row.saves.args.items():
            saved = tensors.get(arg_id)
            if saved is None:
                continue
            trig = _trigger(triggers, tensors)
            if trig == Tri.NO:
                continue
            key = (*sid, arg_id)
            arg_node = (arg_nodes or {}).get(arg_id)
            what = _describe_saved(saved, arg_node, self.src)
            if saved.inference:
                self.det.on_inference_saved(saved, node, state, name, what, arg_node)
            self._record_save(
                state,
                key,
                saved.sids,
                name,
                node,
                what,
                # one of several tensors (`feats` set in one round of a loop or another):
                # which one autograd keeps is not known
                certain=trig == Tri.YES and state.grad == Tri.YES and not saved.may_alias,
                arg_node=arg_node if clonable else None,
                param=saved.param,
                clonable=clonable,
                fills=fills,
            )
            keys.append(key)
        return keys

    def _multi_output(
        self,
        row: OpRow | None,
        outputs: str,
        first: TensorVal,
        inputs: dict[str, TensorVal],
        node: ast.AST,
        stmt: ast.stmt,
        state: State,
        name: str,
    ) -> Value:
        """`evals, evecs = torch.linalg.eigh(a)`: a tuple of tensors from one backward node,
        which keeps the outputs `outputs` marks (and the inputs its row says); a write to any
        kept output breaks the backward of every output."""
        sid = next(iter(first.sids))
        items: list[TensorVal] = []
        for index, kind in enumerate(outputs):
            if index == 0:
                item = first
            else:
                item = first.with_(sids=frozenset({(*sid, f"out{index}")}))
            if kind == "i":
                item = item.with_(rg=Tri.NO, deps=frozenset())
            items.append(item)
        if row is None or first.rg == Tri.NO:
            return TupleVal(tuple(items))
        keys = self._save_inputs(row, inputs, sid, node, stmt, state, name, None, clonable=False)
        certain = first.rg == Tri.YES and state.grad == Tri.YES
        for index, (kind, item) in enumerate(zip(outputs, items, strict=True)):
            if kind != "s":
                continue
            key = (*sid, "out" if index == 0 else f"out{index}")
            # a `.clone()` after the call would clone the tuple: no clone fix here
            self._record_save(
                state, key, item.sids, name, node, "its output", certain=certain, clonable=False
            )
            keys.append(key)
        deps = frozenset(keys)
        return TupleVal(tuple(i if i.rg == Tri.NO else plus_saves(i, deps) for i in items))

    def _data_loader(
        self, args: list[Value], kwargs: dict[str, Value], node: ast.Call, state: State
    ) -> Value:
        """`DataLoader(t, batch_size=k, ...)` over a tensor: its batches are tensors (verified
        on torch 2.13: default collation stacks the rows into a new tensor, not a view of `t`,
        requiring grad only when `t` does); over a user Dataset, see `_dataset_batches`.
        Anything else (a `collate_fn` over a tensor, `batch_size=None` handing out the rows
        themselves): not known."""
        dataset = args[0] if args else kwargs.get("dataset")
        batch_size = kwargs.get("batch_size", args[1] if len(args) > 1 else ConstVal(1))
        if (
            isinstance(dataset, ModuleObj)
            and dataset.cls is not None
            and "__getitem__" in dataset.cls.methods
            and len(args) <= 2
        ):
            return self._dataset_batches(dataset, batch_size, kwargs, node, state)
        tensors = dataset.attrs.get("tensors") if isinstance(dataset, ModuleObj) else None
        if (
            isinstance(dataset, ModuleObj)
            and dataset.kind == "torch.utils.data.TensorDataset"
            and isinstance(tensors, TupleVal)
            and kwargs.get("collate_fn", ConstVal(None)) == ConstVal(None)
            and len(args) <= 2
            and batch_size != ConstVal(None)
        ):
            # `DataLoader(TensorDataset(x, y), batch_size=k)`: each batch a tuple of new
            # tensors, one per given tensor, stacked from its rows
            return SeqVal(self._collated(tensors, node, state))
        if (
            not isinstance(dataset, TensorVal)
            or kwargs.get("collate_fn", ConstVal(None)) != ConstVal(None)
            or len(args) > 2
            or batch_size == ConstVal(None)
        ):
            return UNKNOWN
        return SeqVal(self._collated(dataset, node, state))

    def _dataset_batches(
        self,
        dataset: ModuleObj,
        batch_size: Value,
        kwargs: dict[str, Value],
        node: ast.Call,
        state: State,
    ) -> Value:
        """`DataLoader(MyDataset(...), batch_size=k, collate_fn=f)`: the batches are what the
        dataset's `__getitem__` gives for some index, put together by `collate_fn`, or by the
        default collation (tensors and numbers stacked into new tensors, tuples and dicts
        item by item); without batching (`batch_size=None`), the items themselves."""
        assert dataset.cls is not None
        item = self._invoke(dataset.cls.methods["__getitem__"], [UNKNOWN], {}, node, state, dataset)
        if batch_size == ConstVal(None):
            return SeqVal(item)
        collate = kwargs.get("collate_fn", ConstVal(None))
        if isinstance(collate, FuncVal):
            return SeqVal(self._invoke(collate, [SeqVal(item)], {}, node, state, None))
        if collate != ConstVal(None):
            return UNKNOWN
        return SeqVal(self._collated(item, node, state))

    def _collated(self, item: Value, node: ast.Call, state: State, depth: int = 0) -> Value:
        """Default collation of one dataset item (verified on torch 2.13: tensors are stacked
        into a new tensor, numbers become a tensor, tuples and dicts keep their shape)."""
        if isinstance(item, TensorVal):
            rg = item.rg if state.grad != Tri.NO else Tri.NO
            return self.fresh_tensor(
                node,
                rg,
                state,
                deps=item.deps if rg != Tri.NO else frozenset(),
                origin_op="DataLoader",
                deps_from=saves_from(item),
            )
        if depth > 2:
            return UNKNOWN
        if isinstance(item, ConstVal) and isinstance(item.value, (int, float, bool)):
            return self.fresh_tensor(node, Tri.NO, state, deps=frozenset(), origin_op="DataLoader")
        if isinstance(item, TupleVal):
            return TupleVal(
                tuple(
                    self._collated_part(i, k, node, state, depth) for k, i in enumerate(item.items)
                )
            )
        if isinstance(item, DictVal):
            return DictVal(
                tuple((k, self._collated_part(v, k, node, state, depth)) for k, v in item.items)
            )
        if item is UNKNOWN:
            # what the analysis does not know the dataset gives: the default collation accepts
            # tensors, NumPy arrays and numbers (each made a new tensor), or strings; it fails
            # on anything else. A tensor that needs no grad is the likely case
            return self.fresh_tensor(node, Tri.NO, state, deps=frozenset(), origin_op="DataLoader")
        return UNKNOWN

    def _collated_part(
        self, item: Value, place: object, node: ast.Call, state: State, depth: int
    ) -> Value:
        """One field of a collated item: a tensor of its own (images apart from labels)."""
        self.call_stack.append(("collate", depth, str(place)))
        try:
            return self._collated(item, node, state, depth + 1)
        finally:
            self.call_stack.pop()

    def _record_save(
        self,
        state: State,
        key: tuple[object, ...],
        sids: frozenset[Sid],
        op: str,
        node: ast.AST,
        what: str,
        certain: bool,
        *,
        arg_node: ast.AST | None = None,
        param: bool = False,
        clonable: bool = True,
        fills: frozenset[Sid] = frozenset(),
    ) -> None:
        """Autograd keeps `sids` for the backward of `op` at `node`, in the state's grad
        contexts (saved-tensor hooks, allow_mutation) and call path."""
        state.own_saves()[key] = SaveRecord(
            key,
            sids,
            op,
            self.src.span(node),
            what,
            certain=certain,
            exempt=state.hooks,
            allow_mutation=state.allow_mutation,
            node=node,
            arg_node=arg_node,
            param=param,
            clonable=clonable,
            via=self._via_span(),
            chain=self.call_chain(self.current_stmt),
            fills=fills,
        )

    def _via_span(self) -> Span | None:
        """Where the user's code called into the module/function that recorded a save."""
        if self.module_call_span is not None:
            return self.module_call_span
        for frame in self.frames:
            if frame.call_span is not None:
                return frame.call_span
        return None

    def call_chain(self, stmt: ast.stmt | None) -> CallChain:
        """The statements of the inlined calls that led here, outermost first, then `stmt`."""
        chain = [
            (f.call_span.path, f.call_stmt)
            for f in self.frames
            if f.call_stmt is not None and f.call_span is not None
        ]
        if stmt is not None:
            chain.append((self.src.path, stmt))
        return tuple(chain)

    def view_of(self, base: TensorVal, node: ast.AST, state: State, op: str) -> TensorVal:
        """A view shares its base's version counter; made under no_grad it is a special kind
        that may not be modified in place once grad mode is back on."""
        no_grad = state.grad == Tri.NO and not state.inference_mode
        return base.with_(
            is_view=True,
            view_kind="no_grad" if no_grad else (base.view_kind),
            noncontig=base.noncontig or op in api.TRANSPOSING_VIEWS,
            # where a no_grad view was made: a fix moves that out of the no_grad block
            view_node=(self.src.path, node) if no_grad else base.view_node,
        )

    def multi_view(self, base: TensorVal, op: str, node: ast.AST, state: State) -> TensorVal:
        """One output of unbind/split/chunk/iteration: autograd forbids writing to it."""
        for sid in base.sids:
            state.multi_dirty.pop(sid, None)
        if state.grad == Tri.NO:  # (the op is remembered for a custom Function's outputs)
            return self.view_of(base, node, state, op).with_(view_op=op)
        return base.with_(
            is_view=True,
            view_kind="multi",
            view_op=op,
            view_node=(self.src.path, node),
            nested_multi=base.nested_multi or base.view_kind == "multi",
        )

    def fresh_tensor(
        self,
        node: ast.AST,
        rg: Tri,
        state: State,
        deps: frozenset[tuple[object, ...]],
        origin_op: str | None = None,
        deps_from: int = 0,
    ) -> TensorVal:
        sid, renamer = self.alloc(node, state)
        if renamer is not None:
            deps = frozenset(renamer.key(k) for k in deps)
        return TensorVal(
            sids=frozenset({sid}),
            rg=rg,
            deps=deps if rg != Tri.NO else frozenset(),
            deps_from=deps_from,
            origin=Origin(origin_op, self.src.span(node)) if origin_op else None,
            inference=state.inference_mode,
        )

    def site(self, node: ast.AST) -> Sid:
        """An allocation site: the node's whole extent (`a(x).b()` and its inner `a(x)` start
        at the same place) within the chain of inlined calls."""
        return (
            getattr(node, "lineno", 0),
            getattr(node, "col_offset", 0),
            getattr(node, "end_lineno", 0),
            getattr(node, "end_col_offset", 0),
            *self.scope.tag,
            *self._ctx_key(),
        )

    def _ctx_key(self) -> tuple[object, ...]:
        """The chain of inlined call sites (and the container call being run): one function
        or one nn.Sequential run from two places allocates apart."""
        if self.module_call_span is not None:
            span = self.module_call_span
            return (*self.call_stack, "m", span.line, span.col, *_tag(span))
        return tuple(self.call_stack)

    def alloc(self, node: ast.AST, state: State) -> tuple[Sid, SiteRenamer | None]:
        sid = self.site(node)
        callers = tuple(
            {id(s.env): s.env for s in self.caller_states if s.env is not state.env}.values()
        )
        # each module's globals once (every frame of one module shares them)
        globals_ = tuple({id(f.globals): f.globals for f in self.frames}.values())
        renamer = allocate(state, sid, globals_, callers)
        if renamer is not None:
            for obj in renamer.touched:
                self._touch(obj)
        return sid, renamer

    def mutation(
        self, node: ast.AST, stmt: ast.stmt, kind: str, desc: str, op: str, certain: bool
    ) -> Mutation:
        return Mutation(
            self.src.span(node),
            desc,
            op,
            certain,
            node=node,
            stmt=stmt,
            kind=kind,
            via=self._via_span(),
            chain=self.call_chain(stmt),
        )


def _param_inputs(tensors: dict[str, TensorVal]) -> frozenset[Sid]:
    """The parameters an op takes that require grad: its backward fills their `.grad`."""
    return frozenset(sid for t in tensors.values() if t.param and t.rg != Tri.NO for sid in t.sids)


def _device_only(arg: ast.expr) -> bool:
    """A literal CPU device (`"cpu"`): no copy on its own."""
    return isinstance(arg, ast.Constant) and arg.value == "cpu"


def _literal_scalar(args: list[Value]) -> int | float | bool | None:
    """`torch.tensor(0)`: the number a one-element tensor made from a literal holds."""
    return _number(args[0]) if len(args) == 1 else None


def _number(value: Value) -> int | float | bool | None:
    if isinstance(value, ConstVal) and isinstance(value.value, (bool, int, float)):
        return value.value
    return None


def _scalar_after(name: str, op_args: dict[str, Value]) -> int | float | bool | None:
    """What a one-element tensor holds after the in-place call `name`: `fill_(v)` v,
    `zero_()` 0, `copy_(t)` what t holds; anything else: not known."""
    if name == "zero_":
        return 0
    given = op_args.get("1")
    if name == "fill_":
        return _number(given) if given is not None else None
    if name == "copy_" and isinstance(given, TensorVal):
        return given.scalar
    return None


def _multi_view_op(name: str) -> str:
    """The autograd node torch names in its message ('Output 1 of Split'): `chunk` is a
    Split too, `split_with_sizes` a SplitWithSizes (checked under torch 2.13)."""
    return api.MULTI_VIEW_METHODS.get(name, name.capitalize())


def _device(args: list[Value], kwargs: dict[str, Value], span: Span) -> Value:
    """`torch.device("cpu")`, `torch.device("cuda:0")`, `torch.device("cuda", 1)`: its `type`
    and `index` where the text is known (`half &= device.type != "cpu"` then folds)."""
    given = args[0] if args else kwargs.get("type")
    if not (isinstance(given, ConstVal) and isinstance(given.value, str)):
        return UNKNOWN
    kind, _, number = given.value.partition(":")
    index: Value = ConstVal(int(number)) if number.isdigit() else ConstVal(None)
    if len(args) > 1:
        index = args[1]
    return ModuleObj(kind="torch.device", span=span, attrs={"type": ConstVal(kind), "index": index})


class _Undecided(Exception):
    """Two storage pointers the analysis cannot tell equal or apart."""


class StoragePointer:
    """What `t.data_ptr()` returns, as a constant that compares: the same tensor (one known
    allocation, not a view) points to the same memory; tensors of different allocations to
    different memory. Anything else (views, which may start at an offset; values standing for
    several allocations) cannot be told, and comparing raises (the fold gives UNKNOWN)."""

    __slots__ = ("sids", "view")

    def __init__(self, sids: frozenset[Sid], view: bool) -> None:
        self.sids = sids
        self.view = view

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoragePointer):
            return NotImplemented
        if not self.view and not other.view and len(self.sids) == 1 and self.sids == other.sids:
            return True
        if self.sids and other.sids and self.sids.isdisjoint(other.sids):
            return False
        raise _Undecided

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.sids)


def _values_indices(values: TensorVal, indices: TensorVal) -> NamedTupleVal:
    """`x.max(dim=0)` and kin return torch.return_types: a pair also read as `.values` and
    `.indices` (`data[batch == g].max(dim=0).values` pooled per graph)."""
    return NamedTupleVal((values, indices), name="return_types", fields=("values", "indices"))
