"""torch.nn modules: layers and user module classes built, called (containers, hooks,
inplace=True), their parameters and methods."""

from __future__ import annotations

import ast

from .. import torch_api as api
from ..findings import Span
from ..spans import PATH_ATTR
from ..state import Mutation, State
from ..values import (
    UNKNOWN,
    BoundMethod,
    ClassVal,
    ConstVal,
    DictVal,
    DistVal,
    FuncVal,
    ListObj,
    ModuleObj,
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
from . import backward_hooks, parametrizations, rnn_weights
from .base import InterpreterBase
from .helpers import (
    _add_children,
    _flatten,
    _hook_sets_requires_grad,
    _join_all,
    _list_view,
    _set_params_requires_grad,
    _submodules,
)
from .inference_casts import casts_dtype, mark_inference_params
from .limits import MODE_SUBMODULES
from .module_buffers import listed_buffers


class NnModules(InterpreterBase):
    def construct_layer(self, qual: str, node: ast.Call, state: State, stmt: ast.stmt) -> ModuleObj:
        named = self._named_children(node, state, stmt) if qual in api.CONTAINERS else None
        args, kwargs = ([named], {}) if named is not None else self._eval_args(node, state, stmt)
        setattr(node, PATH_ATTR, self.scope.path)  # kept: a container runs it from elsewhere
        obj = ModuleObj(kind=qual, span=self.src.span(node), node=node)
        if qual in api.CONTAINERS:
            _add_children(obj, args)
            return obj
        spec = api.LAYERS.get(qual)
        if spec is None:
            obj.generic = True
            obj.options = dict(kwargs)  # a loss's `weight=` / `pos_weight=` tensors
            if qual in api.LOSS_WEIGHT_FIRST and args and "weight" not in obj.options:
                obj.options["weight"] = args[0]  # `nn.CrossEntropyLoss(class_weights)`
            return obj
        inplace: Value | None = kwargs.get("inplace")
        inplace_node: ast.AST | None = next(
            (kw for kw in node.keywords if kw.arg == "inplace"), None
        )
        if inplace is None and spec.inplace_arg is not None and len(args) > spec.inplace_arg:
            inplace = args[spec.inplace_arg]
            inplace_node = node.args[spec.inplace_arg]
        inplace_span = self.src.span(inplace_node) if inplace_node is not None else None
        if inplace is not None and inplace_span is None:
            inplace_span = self._splat_keyword_span(node, "inplace", state, stmt)
        if inplace is not None:
            obj.inplace = (
                Tri.of(inplace.value)
                if isinstance(inplace, ConstVal) and isinstance(inplace.value, bool)
                else Tri.MAYBE
            )
            obj.inplace_span = inplace_span
        obj.options = dict(kwargs)
        for name, value in zip(spec.init_args, args, strict=False):
            obj.options.setdefault(name, value)  # `nn.LSTM(4, 8, 1, True, True, 0.0, True)`
        params = list(spec.params)
        if qual in rnn_weights.RECURRENT:
            # `nn.GRU(4, 8, num_layers=2)`: the later layers' (and reverse) weights too
            params += [n for n in rnn_weights.more_weights(obj) if n not in params]
        for pname in params:
            obj.attrs[pname] = param = TensorVal(
                sids=frozenset({(*self.site(node), pname)}),
                rg=Tri.YES,
                leaf_rg=Tri.YES,
                param=True,
                origin=Origin(f"{qual.split('.')[-1]}.{pname}", self.src.span(node)),
                inference=state.inference_mode,  # a layer built under inference_mode
            )
            self._index_tensor(obj, pname, param)
        for bname in spec.buffers:
            obj.attrs[bname] = TensorVal(
                sids=frozenset({(*self.site(node), bname)}),
                rg=Tri.NO,
                origin=Origin(f"{qual.split('.')[-1]}.{bname}", self.src.span(node)),
                inference=state.inference_mode,
            )
        return obj

    def _splat_keyword_span(
        self, node: ast.Call, key: str, state: State, stmt: ast.stmt
    ) -> Span | None:
        """Where `key` was written as a keyword of the call whose `**kwargs` this call passes
        on (`kind(**options)` in a factory called as `make(nn.ReLU, inplace=True)`)."""
        for kw in node.keywords:
            if kw.arg is None and isinstance(kw.value, ast.Name):
                splat = self.eval(kw.value, state, stmt)
                if isinstance(splat, DictVal):
                    found = dict(splat.written).get(key)
                    if found is not None:
                        return found
        return None

    def _named_children(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value | None:
        """`nn.Sequential(OrderedDict(pairs))`: the modules of the (name, module) pairs, in
        order (built in a loop or comprehension: any of them, alike)."""
        if len(node.args) != 1 or node.keywords:
            return None
        inner = node.args[0]
        if not (
            isinstance(inner, ast.Call)
            and self.imports.qualify(inner.func) == "collections.OrderedDict"
            and len(inner.args) == 1
            and not inner.keywords
        ):
            return None
        pairs = self.eval(inner.args[0], state, stmt)
        if isinstance(pairs, ListObj):
            pairs = _list_view(pairs)
        if isinstance(pairs, TupleVal):
            return TupleVal(tuple(_second(pair) for pair in pairs.items))
        if isinstance(pairs, SeqVal):
            return SeqVal(_second(pairs.elem))
        return UNKNOWN

    def construct(self, cls: ClassVal, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        obj = ModuleObj(kind=cls.node.name, span=self.src.span(node), cls=cls)
        init = cls.methods.get("__init__")
        if init is not None:
            self.call_function(init, node, state, stmt, self_obj=obj)
        else:
            self._eval_args(node, state, stmt)
        return obj

    def call_bound(self, bm: BoundMethod, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        obj = bm.obj
        if isinstance(obj, DistVal):
            args, kwargs = self._eval_args(node, state, stmt)
            if bm.name in api.DIST_NONDIFF_METHODS:
                return self.fresh_tensor(node, Tri.NO, state, deps=frozenset(), origin_op=bm.name)
            tensors = [
                t
                for a in (*args, *kwargs.values())
                for t in _flatten(a)
                if isinstance(t, TensorVal)
            ]
            rg, deps = obj.rg, obj.deps
            for t in tensors:
                rg, deps = rg | t.rg, deps | t.deps
            if state.grad == Tri.NO:
                rg = Tri.NO
            # a distribution's own saves are of unknown age
            since = 0 if obj.deps else saves_from(*tensors)
            return self.fresh_tensor(node, rg, state, deps=deps, origin_op=bm.name, deps_from=since)
        if isinstance(obj, OptimizerVal):
            args, kwargs = self._eval_args(node, state, stmt)
            if bm.name == "step":
                self.det.on_optimizer_step(obj, node, stmt, state)
            elif bm.name == "zero_grad":
                known = obj.params
                if known is None:  # every parameter we know of: those saved so far
                    known = frozenset(
                        sid
                        for rec in state.saves.values()
                        for sid in (*rec.fills, *(rec.sids if rec.param else ()))
                    )
                _grads_to_none(state, known, args, kwargs)
            return UNKNOWN
        if isinstance(obj, NumpyVal):
            self._eval_args(node, state, stmt)
            if bm.name in ("fill", "sort", "put", "resize", "itemset"):
                mut = self.mutation(node, stmt, "method", f"`{self.src.text(node)}`", bm.name, True)
                self.det.on_data_write(obj.data_of, mut, state)
            return UNKNOWN
        if isinstance(obj, ModuleObj):
            if obj.cls is not None and bm.name in obj.cls.methods:
                return self.call_function(obj.cls.methods[bm.name], node, state, stmt, self_obj=obj)
            args, kwargs = self._eval_args(node, state, stmt)
            if bm.name == "forward":
                return self._call_module_with(obj, args, node, state, stmt)
            if bm.name == "zero_grad":
                sids = frozenset(sid for p in obj.parameters() for sid in p.sids)
                _grads_to_none(state, sids, args, kwargs)
                return ConstVal(None)
            if bm.name == "named_parameters" and not args and not kwargs:
                named_params = self._named_parameters(obj, state)
                if named_params is not None:
                    # `for n, p in model.named_parameters(): if "lora_" in n`, name by name
                    return TupleVal(tuple(TupleVal((ConstVal(n), p)) for n, p in named_params))
            if bm.name in ("parameters", "named_parameters"):
                params = obj.parameters() or self._opaque_params(obj)
                elem: Value = _join_all(list(params)) if params else UNKNOWN
                if bm.name == "named_parameters":
                    elem = TupleVal((UNKNOWN, elem))
                return SeqVal(elem)
            if bm.name in ("buffers", "named_buffers"):
                listed = listed_buffers(
                    obj, bm.name == "named_buffers", lambda m, n: self.get_attr(m, n, state)
                )
                return listed if listed is not None else SeqVal(UNKNOWN)
            if bm.name in ("reset_running_stats", "reset_parameters"):
                names = (
                    ("running_mean", "running_var")
                    if bm.name == "reset_running_stats"
                    else (
                        tuple(
                            n for n, v in obj.attrs.items() if isinstance(v, TensorVal) and v.param
                        )
                    )
                )
                slots = [self.get_attr(obj, n, state) for n in names]
                sids = frozenset(
                    sid for slot in slots if isinstance(slot, TensorVal) for sid in slot.sids
                )
                mut = self.mutation(node, stmt, "init", f"`{self.src.text(node)}`", bm.name, True)
                state.touch(sids, mut)  # zero_/fill_/init under no_grad: only versions move
                return ConstVal(None)
            if bm.name == "load_state_dict":
                # copies every parameter and buffer in place (under no_grad): versions move
                sids = frozenset(
                    sid for p in obj.parameters() or self._opaque_params(obj) for sid in p.sids
                )
                mut = self.mutation(node, stmt, "step", f"`{self.src.text(node)}`", bm.name, True)
                state.touch(sids, mut)
                return UNKNOWN
            if bm.name == "requires_grad_":
                flag = args[0] if args else ConstVal(True)
                rg = (
                    Tri.of(flag.value)
                    if isinstance(flag, ConstVal) and isinstance(flag.value, bool)
                    else Tri.MAYBE
                )
                for changed in _set_params_requires_grad(obj, rg):
                    self._touch(changed)
                sids = frozenset(sid for p in obj.parameters() for sid in p.sids)
                if sids:
                    self._set_requires_grad(sids, rg, state)
                return obj
            if bm.name == "apply" and args and isinstance(args[0], FuncVal):
                for sub in _submodules(obj):  # children first, then the module itself
                    self._invoke(args[0], [sub], {}, node, state, None)
                return obj
            if bm.name in ("train", "eval"):
                # `model.eval()` / `model.train(mode)`: the module and every submodule, from
                # here on in this flow (`self.training` picks a forward's branch)
                flag = args[0] if args and bm.name == "train" else ConstVal(bm.name == "train")
                mode = (
                    flag if isinstance(flag, ConstVal) and isinstance(flag.value, bool) else UNKNOWN
                )
                heap = state.own_heap()
                # every submodule (a flag is cheap to set; a YOLO model has hundreds, and the
                # detection head built last must not be left in training mode)
                for sub in _submodules(obj, limit=MODE_SUBMODULES):
                    heap[(sub, "training")] = mode
                return obj
            if bm.name in (
                "to",
                "cuda",
                "cpu",
                "float",
                "double",
                "half",
                "bfloat16",
                "apply",
                "type",
            ):
                if state.inference_mode and casts_dtype(bm.name, node, self.imports.qualify):
                    mark_inference_params(obj, state, lambda m, n: self.get_attr(m, n, state))
                return obj
            if bm.name in (
                "register_forward_hook",
                "register_forward_pre_hook",
                "append",
                "add_module",
                "register_module",
            ):
                self._touch(obj)
            if bm.name in backward_hooks.HOOK_METHODS:
                # every call of the module from here on wraps its inputs and output in views
                self._touch(obj)
                how = "backward pre-hook" if "pre_hook" in bm.name else "full backward hook"
                return backward_hooks.register(
                    state, obj, self.src.span(node), self.src.text(node), how
                )
            if bm.name == "register_forward_hook" and args and _hook_sets_requires_grad(args[0]):
                obj.output_requires_grad = True
            if bm.name == "register_forward_pre_hook" and args and isinstance(args[0], FuncVal):
                obj.pre_hooks.append(args[0])
            if bm.name == "register_forward_hook" and args and isinstance(args[0], FuncVal):
                obj.post_hooks.append(args[0])
            if bm.name in ("modules", "children"):
                subs = _submodules(obj)
                found = (
                    [obj, *subs[:-1]]
                    if bm.name == "modules"
                    else [
                        *obj.children,
                        *(v for v in obj.attrs.values() if isinstance(v, ModuleObj)),
                    ]
                )
                return TupleVal(tuple(found)) if len(found) <= 64 else UNKNOWN
            if bm.name in ("named_modules", "named_children") and not args:
                named = self._named_submodules(obj, state, deep=bm.name == "named_modules")
                if named is None:
                    return UNKNOWN
                return TupleVal(tuple(TupleVal((ConstVal(n), m)) for n, m in named))
            if (
                bm.name in ("__getattr__", "get_submodule", "get_parameter")
                and args
                and isinstance(args[0], ConstVal)
                and isinstance(args[0].value, str)
            ):
                # `self.__getattr__(f"rcu{i}")`, `model.get_submodule("encoder.layer")`: the
                # attribute a known name reaches (dotted: one attribute after another)
                reached: Value = obj
                for part in args[0].value.split("."):
                    if not isinstance(reached, ModuleObj):
                        return UNKNOWN
                    attr = self.get_attr(reached, part, state)
                    if attr is None and part.isdigit() and int(part) < len(reached.children):
                        # a container's child is named by its index (`"0"`, `"features.3"`)
                        attr = reached.children[int(part)]
                    reached = attr if attr is not None else UNKNOWN
                return reached
            registered = _registration(bm.name, args, kwargs)
            if registered is not None:
                name, value = registered
                self.set_attr(obj, name, value, state)
                if bm.name == "register_buffer":
                    obj.buffers.add(name)
                if (
                    bm.name in ("add_module", "register_module")
                    and obj.kind in api.CONTAINERS
                    and isinstance(value, ModuleObj)
                ):
                    obj.children.append(value)  # a container runs (and indexes) them in order
            if bm.name == "append" and args and isinstance(args[0], ModuleObj):
                obj.children.append(args[0])
            return UNKNOWN
        self._eval_args(node, state, stmt)
        return UNKNOWN

    def _named_submodules(
        self, root: ModuleObj, state: State, deep: bool, limit: int = 64
    ) -> list[tuple[str, ModuleObj]] | None:
        """`named_modules()` (the module itself as "", then each submodule, depth first, by
        dotted name; each once) or `named_children()`: a container's children are named by
        their index, a user module's by their attribute. None when there are too many."""
        out: list[tuple[str, ModuleObj]] = []
        seen: set[int] = {id(root)}
        if deep:
            out.append(("", root))
        self._visit_named("", root, state, deep, limit, out, seen)
        return out if len(out) <= limit else None

    def _named_parameters(
        self, root: ModuleObj, state: State, limit: int = 64
    ) -> list[tuple[str, TensorVal]] | None:
        """`named_parameters()` by dotted name, each tensor once; None where a module's
        parameters are not all known by name (a layer we do not model) or there are many."""
        modules = self._named_submodules(root, state, deep=True, limit=limit)
        if modules is None:
            return None
        out: list[tuple[str, TensorVal]] = []
        seen: set[frozenset[Sid]] = set()
        for prefix, mod in modules:
            if mod.generic:
                return None
            for name in list(mod.attrs):
                value = self.get_attr(mod, name, state)
                if isinstance(value, TensorVal) and value.param and value.sids not in seen:
                    seen.add(value.sids)
                    out.append((f"{prefix}.{name}" if prefix else name, value))
                    if len(out) > limit:
                        return None
        return out

    def _visit_named(
        self,
        prefix: str,
        mod: ModuleObj,
        state: State,
        deep: bool,
        limit: int,
        out: list[tuple[str, ModuleObj]],
        seen: set[int],
    ) -> None:
        """`mod`'s children by name, then (deep) theirs; a method, not a nested function
        calling itself (a reference cycle that outlives the analysis)."""
        keys = {id(v): k for k, v in mod.attrs.items() if isinstance(v, ModuleObj)}
        # a ModuleDict's children are named by their keys, a list's by their index
        named: list[tuple[str, ModuleObj]] = [
            (keys.get(id(c), str(i)), c) for i, c in enumerate(mod.children)
        ]
        for name in mod.attrs:
            value = self.get_attr(mod, name, state)
            if isinstance(value, ModuleObj) and value is not mod:
                named.append((name, value))
        for name, child in named:
            if id(child) in seen or len(out) > limit:
                continue
            seen.add(id(child))
            out.append((f"{prefix}{name}", child))
            if deep:
                self._visit_named(f"{prefix}{name}.", child, state, deep, limit, out, seen)

    def _opaque_params(self, obj: ModuleObj) -> list[TensorVal]:
        """A torch.nn layer whose parameters we do not name (RNNs, ...): one stand-in."""
        if obj.cls is not None or obj.kind in api.CONTAINERS:
            return []
        return [
            TensorVal(
                sids=frozenset({("params", obj.span.line, obj.span.col)}),
                rg=Tri.YES,
                leaf_rg=Tri.YES,
                param=True,
                origin=Origin(f"{obj.kind.split('.')[-1]} parameter", obj.span),
            )
        ]

    def call_module(self, mod: ModuleObj, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        out = self._call_module(mod, node, state, stmt)
        out = self._post_hooks(mod, [], out, node, state)
        out = backward_hooks.wrap_output(mod, out, state)
        if mod.output_requires_grad and isinstance(out, TensorVal) and state.grad != Tri.NO:
            # a forward hook called `output.requires_grad_(True)`: a leaf that requires grad
            out = out.with_(rg=Tri.YES, leaf_rg=Tri.YES if out.rg == Tri.NO else out.leaf_rg)
        return out

    def _post_hooks(
        self, mod: ModuleObj, args: list[Value], out: Value, node: ast.AST, state: State
    ) -> Value:
        """Forward hooks run after the module with its output (an in-place write there hits
        the output); one that returns a value replaces the output."""
        for hook in mod.post_hooks:
            returned = self._invoke(hook, [mod, TupleVal(tuple(args)), out], {}, node, state, None)
            if isinstance(returned, TensorVal):
                out = returned
        return out

    def _call_module(self, mod: ModuleObj, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        args, kwargs = self._eval_args(node, state, stmt)
        for hook in mod.pre_hooks:  # forward pre-hooks may replace the inputs
            replaced = self._invoke(hook, [mod, TupleVal(tuple(args))], {}, node, state, None)
            if isinstance(replaced, TupleVal):
                args = list(replaced.items)
            elif isinstance(replaced, TensorVal):
                args = [replaced]
        args = backward_hooks.wrap_inputs(mod, args, state)
        with parametrizations.reparametrized(self, mod, node, state):
            return self._call_module_body(mod, args, kwargs, node, state, stmt)

    def _call_module_body(
        self,
        mod: ModuleObj,
        args: list[Value],
        kwargs: dict[str, Value],
        node: ast.Call,
        state: State,
        stmt: ast.stmt,
    ) -> Value:
        if mod.cls is not None and not mod.sequential:
            # an nn.Module's call runs its forward; any other object's, its `__call__` (a
            # controller class may have a `forward` of its own that `__call__` uses)
            fwd = (
                mod.cls.methods.get("forward") or mod.cls.methods.get("__call__")
                if mod.cls.is_module
                else mod.cls.methods.get("__call__")
            )
            if fwd is not None:
                return self._invoke(fwd, args, kwargs, node, state, self_obj=mod)
            if mod.layer is not None:  # derives from a torch layer and keeps its forward
                return self._call_module_with(mod.layer, args, node, state, stmt)
            return UNKNOWN
        if kwargs and mod.cls is None:  # `self.attn(query=q, key=k, value=v)`
            args = api.positional_inputs(mod.kind, args, kwargs)
        outer = self.module_call is None
        if outer:
            self.module_call = node
            self.module_call_span = self.src.span(node)
        try:
            return self._call_module_with(mod, args, node, state, stmt)
        finally:
            if outer:
                self.module_call = None
                self.module_call_span = None

    def _call_module_with(
        self, mod: ModuleObj, args: list[Value], node: ast.AST, state: State, stmt: ast.stmt
    ) -> Value:
        x = args[0] if args else UNKNOWN
        if x is UNKNOWN and mod.kind in api.LAYERS and api.LAYERS[mod.kind].op is not None:
            # a layer's input is a tensor even where we could not follow it
            x = TensorVal(sids=frozenset({("input", *self.site(node))}), rg=Tri.MAYBE)
        if mod.kind == "torch.nn.Sequential" or mod.sequential:
            if mod.repeated and not mod.children:
                # built from a list whose layers we lost (joined where a loop grew it): its
                # output is some other tensor, not its input passed through
                return self._generic_result(args[:1], node, state, "Sequential")
            for index, child in enumerate(mod.children):
                given = x = backward_hooks.wrap_inputs(child, [x], state)[0]
                # children built by one constructor line (a helper called twice) are told
                # apart by their place in the container: what each saves is its own
                self.call_stack.append(("child", index))
                try:
                    at = child.node or node if child.cls is None else node
                    with parametrizations.reparametrized(self, child, at, state):
                        x = (
                            self._call_module_with(child, [x], at, state, stmt)
                            if (child.cls is None)
                            else self._inline_forward(child, [x], node, state, stmt)
                        )
                finally:
                    self.call_stack.pop()
                x = self._post_hooks(child, [given], x, node, state)
                x = backward_hooks.wrap_output(child, x, state)
            return x
        if mod.cls is not None:
            return self._inline_forward(mod, args, node, state, stmt)
        spec = api.LAYERS.get(mod.kind)
        loss = api.LOSS_FUNCTIONALS.get(mod.kind)
        if loss is not None and len(args) == 2 and all(isinstance(a, TensorVal) for a in args):
            # `criterion(logits, targets)`: the functional loss, which keeps what it needs
            # (cross_entropy its target indices) for backward
            loss_args: dict[str, Value] = {"0": args[0], "1": args[1]}
            for option in api.LOSS_TENSOR_OPTIONS:
                weight = mod.options.get(option)
                if isinstance(weight, TensorVal):
                    loss_args[option] = weight
            row = self.table.lookup(f"torch.{loss}")
            call_nodes = (
                {"0": node.args[0], "1": node.args[1]}
                if isinstance(node, ast.Call) and len(node.args) == 2 and node is not mod.node
                else None
            )
            return self.apply_op(
                row, loss_args, node, stmt, state, loss.split(".")[-1], arg_nodes=call_nodes
            )
        if mod.generic:
            return self._generic_result(args, node, state, mod.kind.split(".")[-1])
        if spec is None or not isinstance(x, TensorVal):
            return UNKNOWN
        if api.drops_nothing(mod.kind, mod.options.get("p")):
            return x  # `nn.Dropout(p=0.0)` returns its input itself, untouched
        if spec.op is None:
            if mod.kind.endswith(("Identity", "Flatten", "Unflatten")):
                return x
            rg = x.rg | (Tri.YES if state.grad == Tri.YES else Tri.NO)  # it has parameters
            kind = mod.kind.split(".")[-1]
            sid, renamer = self.alloc(node, state)
            if renamer is not None:
                # `out = cell(h, out)` in a loop: the state it is given is the previous
                # output of this very call, which the allocation just aged
                args = [renamer.value(a) for a in args]
                x = args[0]
                assert isinstance(x, TensorVal)
            deps = x.deps  # and what the other inputs (an RNN's initial state) depend on
            inputs = [x]
            for extra in args[1:]:
                for t in _flatten(extra):
                    if isinstance(t, TensorVal):
                        deps = union_deps(deps, t.deps)
                        inputs.append(t)
            out = TensorVal(
                sids=frozenset({sid}),
                rg=rg,
                deps=deps if rg != Tri.NO else frozenset(),
                deps_from=saves_from(*inputs),
                origin=Origin(kind, self.src.span(node)),
                inference=state.inference_mode,
            )
            if rg != Tri.NO and state.grad != Tri.NO:
                out = self._save_opaque_layer(mod, spec, args, out, node, state, kind)
            if not spec.output_tuple:
                return out
            hidden = out.with_(sids=frozenset({(*self.site(node), "h")}))
            if kind in ("LSTM",):
                cell = out.with_(sids=frozenset({(*self.site(node), "c")}))
                return TupleVal((out, TupleVal((hidden, cell))))
            if kind == "LSTMCell":
                return TupleVal((hidden, out))
            return TupleVal((out, hidden))
        row = self.table.row(spec.op)
        max_norm = mod.options.get("max_norm")
        if (
            mod.kind == "torch.nn.Embedding"
            and max_norm is not None
            and not (isinstance(max_norm, ConstVal) and max_norm.value is None)
        ):
            weight = self.get_attr(mod, "weight", state)
            if isinstance(weight, TensorVal):
                mut = Mutation(
                    self.src.span(node),
                    f"`{self.src.text(node)}` (max_norm renormalises `weight` in place)",
                    "embedding_renorm_",
                    True,
                    node=node,
                    stmt=stmt,
                    kind="renorm",
                    via=self._via_span(),
                )
                state.touch(weight.sids, mut)
        op_args: dict[str, Value] = {spec.input_arg: x}
        for attr, ids in spec.args:
            value = self.get_attr(mod, attr, state)
            if isinstance(value, TensorVal):
                for arg_id in ids:
                    if row is not None and (arg_id in row.saves.args or arg_id.isdigit()):
                        op_args[arg_id] = value
                        break
        name = f"{mod.kind.split('.')[-1]}"
        if mod.inplace != Tri.NO and row is not None and mod.kind not in api.INPLACE_IGNORED:
            mut = Mutation(
                self.src.span(node),
                f"`{self.src.text(node)}` (inplace=True)",
                f"{spec.op.split('.')[-1]}_",
                mod.inplace == Tri.YES and write_lands_surely(x),
                node=node,
                stmt=stmt,
                kind="module",
                inplace_span=mod.inplace_span,
            )
            return self.inplace(x, [], mut, state, row=row, node=node)
        arg_nodes = (
            {spec.input_arg: node.args[0]}
            if isinstance(node, ast.Call) and node.args and node is not mod.node
            else None
        )
        # a call written in the user's code (`y = self.tanh(h)`) takes a `.clone()` of what
        # it saves; a layer run by its container (`node` is then its constructor) does not,
        # nor one whose forward hooks see (and may write) the output before the caller does
        clonable = arg_nodes is not None and not mod.post_hooks
        return self.apply_op(
            row, op_args, node, stmt, state, name, arg_nodes=arg_nodes, clonable=clonable
        )

    def _generic_result(self, args: list[Value], node: ast.AST, state: State, name: str) -> Value:
        """A call we hold no facts for, given tensors: its result carries their graph (so a
        backward through it is seen), saves nothing we know of."""
        tensors = [t for a in args for t in _flatten(a) if isinstance(t, TensorVal)]
        if not tensors:
            return UNKNOWN
        rg = Tri.NO
        deps: frozenset[tuple[object, ...]] = frozenset()
        for t in tensors:
            rg = rg | t.rg
            deps = union_deps(deps, t.deps)
        if state.grad == Tri.NO:
            rg = Tri.NO
        return self.fresh_tensor(
            node, rg, state, deps=deps, origin_op=name, deps_from=saves_from(*tensors)
        )

    def _recurrent_saves(
        self,
        mod: ModuleObj,
        kind: str,
        args: list[Value],
        states: list[TensorVal],
        state: State,
        cell: bool,
    ) -> list[tuple[str, TensorVal, str, bool, bool]]:
        """GRU/RNN: the recurrent weight is kept when the sequence has more than one step (we
        do not know its length: not for sure) or h0 requires grad (for sure); a cell (one step)
        keeps it only when h requires grad. The input weight when the input requires grad."""
        out: list[tuple[str, TensorVal, str, bool, bool]] = []
        suffix = "" if cell else "_l0"
        weight_hh = self.get_attr(mod, f"weight_hh{suffix}", state)
        h_grad = Tri.NO
        for t in states:
            h_grad = h_grad | t.rg
        if isinstance(weight_hh, TensorVal) and (not cell or h_grad != Tri.NO):
            what = f"the parameter `{kind}.weight_hh{suffix}`"
            out.append((f"weight_hh{suffix}", weight_hh, what, True, h_grad == Tri.YES))
        x = args[0] if args else UNKNOWN
        weight_ih = self.get_attr(mod, f"weight_ih{suffix}", state)
        if isinstance(weight_ih, TensorVal) and isinstance(x, TensorVal) and x.rg != Tri.NO:
            what = f"the parameter `{kind}.weight_ih{suffix}`"
            out.append((f"weight_ih{suffix}", weight_ih, what, True, x.rg == Tri.YES))
        if (
            cell
            and isinstance(weight_ih, TensorVal)
            and weight_ih.rg != Tri.NO
            and isinstance(x, TensorVal)
        ):
            # verified on torch 2.13 CPU: a cell keeps its input x for weight_ih's gradient
            # (a full GRU/RNN/LSTM layer does not)
            out.append(("input", x, "the input it was given", False, weight_ih.rg == Tri.YES))
        return out

    def _inline_forward(
        self, mod: ModuleObj, args: list[Value], node: ast.AST, state: State, stmt: ast.stmt
    ) -> Value:
        assert mod.cls is not None
        fwd = mod.cls.methods.get("forward")
        if fwd is None:
            if mod.layer is not None:  # derives from a torch layer and keeps its forward
                return self._call_module_with(mod.layer, args, node, state, stmt)
            return UNKNOWN
        return self._invoke(fwd, args, {}, node, state, self_obj=mod)

    def _save_opaque_layer(
        self,
        mod: ModuleObj,
        spec: api.LayerSpec,
        args: list[Value],
        out: TensorVal,
        node: ast.AST,
        state: State,
        kind: str,
    ) -> TensorVal:
        """What a layer without an op-table row keeps for backward, as its spec says: its
        output, its parameters, the initial state it was given (LSTM)."""
        # (name, tensor, what, is a parameter, saved for sure when the output requires grad)
        saved: list[tuple[str, TensorVal, str, bool, bool]] = []
        kept = _one_way_output(mod) if spec.output_one_way else Tri.of(spec.saves_output)
        if kept != Tri.NO:
            saved.append(("out", out, "its output", False, kept == Tri.YES))
        if spec.saves_params:
            for pname in spec.params if spec.saved_params is None else spec.saved_params:
                param = self.get_attr(mod, pname, state)
                if isinstance(param, TensorVal):
                    saved.append((pname, param, f"the parameter `{kind}.{pname}`", True, True))
        states = [t for t in _flatten(args[1]) if isinstance(t, TensorVal)] if len(args) > 1 else []
        if spec.cell:
            states = states[:1]  # h (of an LSTMCell's (h, c), c is not known to be kept)
        if spec.saves_state:
            for index, t in enumerate(states):
                saved.append((f"hx{index}", t, "the initial state it was given", False, True))
        if spec.recurrent_saves:
            saved.extend(self._recurrent_saves(mod, kind, args, states, state, spec.cell))
        keys = set()
        site = next(iter(out.sids))
        certain = out.rg == Tri.YES and state.grad == Tri.YES
        fills = frozenset(
            sid
            for pname in spec.params
            if isinstance(p := self.get_attr(mod, pname, state), TensorVal) and p.param
            for sid in p.sids
        )
        for name, tensor, what, is_param, sure in saved:
            key = (*site, name)
            self._record_save(
                state,
                key,
                tensor.sids,
                kind,
                node,
                what,
                certain and sure,
                param=is_param,
                clonable=False,
                fills=fills,
            )
            keys.add(key)
        return plus_saves(out, keys) if keys else out


def _one_way_output(mod: ModuleObj) -> Tri:
    """Does this LSTM run the one-direction, unprojected kernel that keeps its output? Not
    with bidirectional=True or proj_size > 0; not known where either is not a constant (or may
    come from `**options` or `*args` we could not read)."""
    node = mod.node
    splats = isinstance(node, ast.Call) and (
        any(k.arg is None for k in node.keywords)
        or any(isinstance(a, ast.Starred) for a in node.args)
    )
    out = Tri.YES
    for name, plain in (("bidirectional", False), ("proj_size", 0)):
        value = mod.options.get(name)
        if isinstance(value, ConstVal) and value.value in (plain, None):
            continue
        if isinstance(value, ConstVal):
            return Tri.NO  # bidirectional=True, proj_size=3
        if value is not None or splats:
            out = Tri.MAYBE
    return out


def _second(pair: Value) -> Value:
    """The module of a (name, module) pair."""
    return pair.items[1] if isinstance(pair, TupleVal) and len(pair.items) == 2 else UNKNOWN


def _grads_to_none(
    state: State, sids: frozenset[Sid], args: list[Value], kwargs: dict[str, Value]
) -> None:
    """`zero_grad()`: with `set_to_none` (the default since torch 2.0) the `.grad` of every
    parameter it covers is None, and `optimizer.step()` leaves those parameters alone until a
    backward fills it; `set_to_none=False` zeroes existing gradients (a step still moves them)
    and leaves None ones None."""
    flag = args[0] if args else kwargs.get("set_to_none", ConstVal(True))
    if isinstance(flag, ConstVal) and flag.value is True:
        state.grads_none = state.grads_none | sids


# the parameters of nn.Module's registration methods, by position
_REGISTRATION_PARAMS = {
    "add_module": ("name", "module"),
    "register_module": ("name", "module"),
    "register_buffer": ("name", "tensor"),
    "register_parameter": ("name", "param"),
}


def _registration(
    method: str, args: list[Value], kwargs: dict[str, Value]
) -> tuple[str, Value] | None:
    """The name and the object `add_module` / `register_*` registers, given by position or by
    keyword (`add_module(name=f"fc_{i}", module=nn.Linear(...))`); None when the name is not a
    known string."""
    params = _REGISTRATION_PARAMS.get(method)
    if params is None:
        return None
    given = dict(zip(params, args, strict=False))
    for key in params:
        if key in kwargs:
            given.setdefault(key, kwargs[key])
    name, value = given.get("name"), given.get(params[1])
    if not isinstance(name, ConstVal) or value is None:
        return None
    return str(name.value), value
