"""Calls: builtins, user functions and methods inlined at their call sites (depth limits, parameter
binding, `super()`), custom autograd Functions."""

from __future__ import annotations

import ast
import weakref
from dataclasses import replace

from ..frames import Frame
from ..modules import ModuleScope
from ..state import State, join_states
from ..values import (
    UNKNOWN,
    ArgParserVal,
    AutogradCtx,
    BoundMethod,
    ClassVal,
    ConstVal,
    CtxVal,
    DictVal,
    FuncVal,
    GenVal,
    ListObj,
    MapVal,
    ModuleObj,
    NamedTupleCls,
    NamedTupleVal,
    OneOfCallables,
    PartialVal,
    SeqVal,
    SpreadVal,
    TensorVal,
    TorchFnVal,
    Tri,
    TupleVal,
    Value,
    held_tensors,
    saves_from,
    type_key,
    union_deps,
)
from . import backward_hooks, named_tuples
from .base import InterpreterBase
from .builtin_folds import fold_sequence_search
from .config_dicts import carries_config, reentered, too_many_frames
from .generators import GENERATOR_STEPS, ITERATING_BUILTINS
from .helpers import (
    _add_children,
    _class_and_bases,
    _enter,
    _flatten,
    _is_constructor,
    _is_inplace_name,
    _is_name_like,
    _is_static,
    _join_all,
    _known_items,
    _list_view,
    _literal_prefix,
    _tag,
)
from .limits import (
    FOREIGN_STANDALONE_DEPTH,
    FOREIGN_STATEMENT_BUDGET,
    MAX_CALL_DEPTH,
    MAX_DICT_ITEMS,
    MODULE_FLOW_DEPTH,
)
from .literal_text import literal_of_text
from .registries import builtin_isinstance, builtin_issubclass


class Calls(InterpreterBase):
    def eval_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        result = self._eval_call(node, state, stmt)
        func = node.func
        if (
            state.grads_none
            and isinstance(func, ast.Attribute)
            and "backward" in func.attr.lower()
            and node not in self.modelled_backwards
        ):  # `accelerator.backward(loss)`, `self.manual_backward(loss)`: gradients filled
            state.grads_none = frozenset()
        return result

    def dict_of_pairs(self, pairs: Value, node: ast.Call, state: State) -> Value:
        """`dict(pairs)` / `OrderedDict(pairs)`: the dict itself where its keys are known one
        by one, else a dict of values like any pair's second item."""
        if isinstance(pairs, (DictVal, MapVal)):
            return pairs  # a copy: the same entries
        if isinstance(pairs, ListObj):
            pairs = _list_view(pairs)  # `loss.append(("name", value))` one by one
        known = _known_items(pairs) if not isinstance(pairs, ModuleObj) else None
        if known is not None and all(
            isinstance(p, TupleVal) and len(p.items) == 2 and isinstance(p.items[0], ConstVal)
            for p in known
        ):
            return DictVal(
                tuple(
                    (p.items[0].value, p.items[1])  # type: ignore[union-attr]
                    for p in known
                    if isinstance(p, TupleVal)
                )
            )
        pair = self.element_of(pairs, node, state)
        if isinstance(pair, TupleVal) and len(pair.items) == 2 and pair.items[1] is not UNKNOWN:
            return MapVal(pair.items[1])
        return UNKNOWN

    def _eval_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        func = node.func
        qual = self.imports.qualify(func)
        if qual is not None and self._is_torch_or_known(qual):
            return self.call_qualified(qual, node, state, stmt)
        if qual == "functools.partial":
            return self.make_partial(node, state, stmt)
        if qual == "copy.deepcopy" or qual == "copy.copy":
            args, _ = self._eval_args(node, state, stmt)
            return self.deepcopy(args[0], node, state) if args else UNKNOWN
        if qual == "collections.OrderedDict" and len(node.args) <= 1:
            # `modules = OrderedDict()`: filled by `modules[name] = block` later;
            # `OrderedDict(model.named_parameters())`: a dict of the pairs' second items
            args, kwargs = self._eval_args(node, state, stmt)
            if args:
                return self.dict_of_pairs(args[0], node, state)
            return DictVal(tuple(kwargs.items()))
        if qual == "ast.literal_eval" and len(node.args) == 1 and not node.keywords:
            args, _ = self._eval_args(node, state, stmt)
            text = args[0]
            if isinstance(text, ConstVal) and isinstance(text.value, str):
                return literal_of_text(text.value)
            return UNKNOWN
        if qual in ("collections.namedtuple", "typing.NamedTuple"):
            args, kwargs = self._eval_args(node, state, stmt)
            return named_tuples.namedtuple_class(args, kwargs)
        if qual == "itertools.chain":  # `chain(g1.parameters(), g2.parameters())`
            args, _ = self._eval_args(node, state, stmt)
            parts = [self.element_of(a, node, state) for a in args]
            return SeqVal(_join_all(parts)) if parts else UNKNOWN
        if isinstance(func, ast.Attribute):
            if (
                isinstance(func.value, ast.Call)
                and isinstance(func.value.func, ast.Name)
                and func.value.func.id == "super"
            ):
                return self.call_super(func.attr, node, state, stmt)
            receiver = self.eval(func.value, state, stmt)
            if (
                receiver is UNKNOWN
                and self._jedi_worth_it(func.value, state)
                and (_is_inplace_name(func.attr))
            ):
                receiver = self._jedi_value(func.value)
            if func.attr == "remove" and not node.args and not node.keywords:
                # a hook's handle (`handle.remove()`): the hook stops wrapping calls
                if isinstance(receiver, ConstVal) and isinstance(
                    receiver.value, backward_hooks.HookHandle
                ):
                    backward_hooks.remove(state, receiver.value)
                elif receiver is UNKNOWN:
                    backward_hooks.remove(state, None)
            if isinstance(receiver, NamedTupleVal) and func.attr in ("_replace", "_asdict"):
                _, kwargs = self._eval_args(node, state, stmt)
                return named_tuples.method(receiver, func.attr, kwargs)
            if func.attr in ("__setattr__", "__getattr__") and isinstance(receiver, ModuleObj):
                # `self.__setattr__(head, layers)` / `self.__getattr__(head)`: as setattr() and
                # getattr() with the name
                args, _ = self._eval_args(node, state, stmt)
                name = args[0].value if args and isinstance(args[0], ConstVal) else None
                if isinstance(name, str) and func.attr == "__setattr__" and len(args) == 2:
                    self.set_attr(receiver, name, args[1], state)
                    return ConstVal(None)
                if isinstance(name, str) and func.attr == "__getattr__" and len(args) == 1:
                    return self.getattr_by_name(func.value, receiver, name, state)
                return UNKNOWN
            if func.attr in ("append", "extend", "insert") and isinstance(
                receiver, (ListObj, TupleVal)
            ):
                return self._list_add(receiver, func, node, state, stmt)
            if func.attr in ("index", "count") and isinstance(receiver, (ListObj, TupleVal)):
                args, kwargs = self._eval_args(node, state, stmt)
                found = None if kwargs else fold_sequence_search(receiver, func.attr, args)
                return UNKNOWN if found is None else found
            if isinstance(receiver, TensorVal):
                return self.call_tensor_method(receiver, func.attr, node, state, stmt)
            if isinstance(receiver, ArgParserVal):
                return self.parser_method(receiver, func.attr, node, state, stmt)
            if isinstance(receiver, AutogradCtx) and func.attr == "save_for_backward":
                args, _ = self._eval_args(node, state, stmt)
                if self.function_saves:
                    self.function_saves[-1].extend(
                        t for a in args for t in _flatten(a) if isinstance(t, TensorVal)
                    )
                return ConstVal(None)
            if (
                isinstance(receiver, ClassVal)
                and receiver.is_autograd_function
                and func.attr == "apply"
                and "forward" in receiver.methods
            ):
                return self.apply_function(receiver, node, state, stmt)
            callee = self.getattr_(receiver, func, state)
            # `self.act(x)` of `self.act = F.relu` / `partial(F.relu, inplace=True)`, a
            # method, a layer, a class, `self.loss(output, label)` picked by an option
            called = self._call_value(callee, node, state, stmt)
            if called is not None:
                return called
            if isinstance(callee, TensorVal):
                self._eval_args(node, state, stmt)
                return UNKNOWN
            self._eval_args(node, state, stmt)  # their effects count; the result is unknown
            return UNKNOWN
        callee = self.eval(func, state, stmt)
        if isinstance(callee, CtxVal) and len(node.args) == 1 and not node.keywords:
            # `torch.inference_mode()(fn)`: a grad-mode context used as a decorator (in a
            # decorator factory) gives the function that runs under it
            wrapped = self.eval(node.args[0], state, stmt)
            if isinstance(wrapped, FuncVal) and callee.kind != "allow_mutation":
                return replace(wrapped, grad_decorator=CtxVal(callee.kind, callee.flag))
            return UNKNOWN
        if (
            isinstance(func, ast.Name)
            and func.id in ("any", "all")
            and callee is UNKNOWN
            and (folded := self.fold_any_all(node, state, stmt)) is not None
        ):
            return folded
        # `act_layer()` of `act_layer=partial(nn.ReLU, ...)`, `RSSMState(mean, std, ...)`,
        # `loss(output, label)` with `loss = L1Loss()` or a masked-MAE closure
        called = self._call_value(callee, node, state, stmt)
        if called is not None:
            return called
        args, kwargs = self._eval_args(node, state, stmt)
        name = func.id if isinstance(func, ast.Name) else ""
        if name in GENERATOR_STEPS and args and isinstance(args[0], GenVal):
            return self.generator_step(name, args, node, state)  # next(gen), list(gen), ...
        if name in ITERATING_BUILTINS:  # `sum(gen)`, `zip(g1, g2)`: generators run here
            args = [self.drained(a, node, state) for a in args]
        if name == "dict" and not args and not any(k.arg is None for k in node.keywords):
            # `losses = dict()` / `dict(d=loss_d, g=loss_g)`: a dict whose keys are known
            return DictVal(tuple(kwargs.items()))
        if name == "type" and len(args) == 1 and (key := type_key(args[0])) is not None:
            return ConstVal(key)  # `type(m) in FACTORIES`: the layer's class
        if name == "type" and len(args) == 1 and isinstance(args[0], NamedTupleVal):
            return NamedTupleCls(args[0].name, args[0].fields)  # `type(buffer_)(*contents)`
        if name == "type" and len(args) == 3:
            return named_tuples.subclass(args)  # `type(name, (namedtuple_base,), {...})`
        if name == "list" and not args and not kwargs and self.lookup("list", state) is UNKNOWN:
            return ListObj()  # `modules = list()`, then appended to: as `modules = []`
        if name in ("list", "tuple", "iter", "reversed", "sorted") and args:
            # the iterated argument is where its items were viewed (what a fix rewrites)
            return SeqVal(self.element_of(args[0], _first_arg(node), state))
        if name in ("zip",) and args:
            columns = [_known_items(a) for a in args]
            if all(c is not None for c in columns):  # `zip(self.convs1, self.convs2)` unrolled
                rows = zip(*[c for c in columns if c is not None], strict=False)
                return TupleVal(tuple(TupleVal(tuple(row)) for row in rows))
            nodes = node.args if len(node.args) == len(args) else [node] * len(args)
            items = (self.element_of(a, n, state) for a, n in zip(args, nodes, strict=True))
            return SeqVal(TupleVal(tuple(items)))
        if (
            name == "globals"
            and not args
            and not kwargs
            and self.frames
            and self.lookup("globals", state) is UNKNOWN
        ):  # `globals()[arch](**kwargs)`: a factory picking a function of its module by name
            env = self.frames[-1].globals
            return DictVal(tuple(env.items())) if len(env) <= MAX_DICT_ITEMS else UNKNOWN
        if name == "map" and len(args) == 2 and isinstance(args[0], (FuncVal, TorchFnVal)):
            return self._map(args[0], args[1], node, state)
        if name == "getattr" and len(args) >= 2 and isinstance(args[1], ConstVal):
            return self.getattr_by_name(node.args[0], args[0], str(args[1].value), state)
        if (
            name == "setattr"
            and len(args) == 3
            and isinstance(args[0], ModuleObj)
            and isinstance(args[1], ConstVal)
            and isinstance(args[1].value, str)
        ):  # `setattr(self, f"fc{i}", nn.Linear(...))`: the attribute by its known name
            self.set_attr(args[0], args[1].value, args[2], state)
            return ConstVal(None)
        if name == "getattr" and len(args) >= 2 and isinstance(args[0], ModuleObj):
            prefix = _literal_prefix(node.args[1])  # `getattr(self.rnn, f"bias_hh_l{i}")`
            found = self._layer_parameter(args[0], prefix) if prefix else None
            return found if found is not None else UNKNOWN
        if (
            name == "eval"
            and len(args) == 1
            and isinstance(args[0], ConstVal)
            and isinstance(args[0].value, str)
            and self.lookup("eval", state) is UNKNOWN
        ):  # `eval(args.conv_feature_layers)` of a default we know: the literal it spells
            return literal_of_text(args[0].value)
        if (
            name == "vars"
            and len(args) == 1
            and isinstance(args[0], ModuleObj)
            and args[0].kind == "argparse.Namespace"
        ):  # `argparse.Namespace(**vars(args))`: the options by name
            return DictVal(tuple(args[0].attrs.items()))
        if name == "dict" and len(args) == 1 and not kwargs:
            return self.dict_of_pairs(args[0], node, state)
        if (
            name == "enumerate"
            and len(args) == 1
            and isinstance(args[0], ModuleObj)
            and args[0].repeated
            and len(args[0].children) == 1
        ):  # `for i, layer in enumerate(self.layers)` of a comprehension: which index is not known
            # (the first round is index 0; which the next is, is not known)
            layers = self.repeated_layers(args[0], node, state)
            return TupleVal(
                tuple(
                    TupleVal((ConstVal(0) if k == 0 else UNKNOWN, layer))
                    for k, layer in enumerate(layers)
                )
            )
        if name == "enumerate" and args:
            known = _known_items(args[0])
            start = kwargs.get("start", args[1] if len(args) > 1 else ConstVal(0))
            first = start.value if isinstance(start, ConstVal) else None
            if known is not None:  # `for i, conv in enumerate(self.convs):` unrolled
                return TupleVal(
                    tuple(
                        TupleVal((ConstVal(first + i) if isinstance(first, int) else UNKNOWN, v))
                        for i, v in enumerate(known)
                    )
                )
            return SeqVal(TupleVal((UNKNOWN, self.element_of(args[0], _first_arg(node), state))))
        if name == "isinstance" and len(args) == 2 and len(node.args) == 2:
            return self._isinstance(args[0], node.args[1], state)
        if name == "issubclass" and len(args) == 2 and not kwargs:
            return builtin_issubclass(args[0], args[1], self.imports)
        if name == "sum" and args:  # `sum(o.sum() for o in outs)`: tensors added up
            element = self.element_of(args[0], node, state)
            if isinstance(element, TensorVal):
                return self.apply_op(
                    self.table.row("add"), {"0": element, "1": element}, node, stmt, state, "add"
                )
        if name in ("range", "len", "print", "isinstance", "int", "float", "str", "bool"):
            return UNKNOWN
        return UNKNOWN

    def call_one_of(
        self, callee: OneOfCallables, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value:
        """Each callable it may be, called on a path of its own (the arguments evaluated on
        each), the paths joined after, as the branches of an `if` that picked one."""
        results: list[Value] = []
        joined: State | None = None
        for option in callee.options:
            branch = state.copy()
            with self.guessed_paths():
                result = self._call_value(option, node, branch, stmt)
                if result is None:
                    self._eval_args(node, branch, stmt)
                results.append(UNKNOWN if result is None else result)
            joined = branch if joined is None else join_states(joined, branch)
        if joined is not None:
            state.become(joined)
        return _join_all(results) if results else UNKNOWN

    def _call_value(
        self, callee: Value, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value | None:
        """A call of a value the analysis can follow; None for any other (its caller decides
        what an unknown callee gives, the arguments not yet evaluated)."""
        if isinstance(callee, TorchFnVal):
            return self.call_qualified(callee.qual, node, state, stmt)
        if isinstance(callee, FuncVal):
            return self.call_function(callee, node, state, stmt, self_obj=None)
        if isinstance(callee, ClassVal):
            return self.construct(callee, node, state, stmt)
        if isinstance(callee, ModuleObj):
            return self.call_module(callee, node, state, stmt)
        if isinstance(callee, BoundMethod):
            return self.call_bound(callee, node, state, stmt)
        if isinstance(callee, PartialVal):
            return self.call_partial(callee, node, state, stmt)
        if isinstance(callee, OneOfCallables):
            return self.call_one_of(callee, node, state, stmt)
        if isinstance(callee, NamedTupleCls):
            args, kwargs = self._eval_args(node, state, stmt)
            return named_tuples.instance(callee, args, kwargs)
        return None

    def _isinstance(self, obj: Value, classes: ast.expr, state: State) -> Value:
        """`isinstance(m, nn.Linear)` on a module object of known class (how init functions
        passed to `model.apply` pick the layers they touch)."""
        if not isinstance(obj, ModuleObj):
            return builtin_isinstance(obj, classes, self.imports)  # `isinstance(name, str)`
        options: list[str | Value] = []
        for option in classes.elts if isinstance(classes, ast.Tuple) else [classes]:
            qual = self.imports.qualify(option)
            if qual is not None and qual.startswith("torch.nn."):
                options.append(qual)
                continue
            value = self.eval_quiet(option, state)
            # a tuple of classes a name or attribute holds (`isinstance(m, self.SUPPORTED)`)
            options.extend(value.items if isinstance(value, TupleVal) else [value])
        for cls in options:
            qual = (
                cls.qual if isinstance(cls, TorchFnVal) else cls if isinstance(cls, str) else None
            )
            if qual == "torch.nn.Module":
                return ConstVal(True)
            if qual is not None and qual.startswith("torch.nn."):
                if obj.kind == qual:
                    return ConstVal(True)
                if obj.cls is None and obj.kind.startswith("torch.nn."):
                    continue  # another torch layer: a subclass only if it is in our table
                if obj.cls is not None and self._plain_module_class(obj.cls):
                    continue  # a user module deriving from no torch layer
                return UNKNOWN
            if not isinstance(cls, ClassVal):
                return UNKNOWN
            if obj.cls is not None and cls in _class_and_bases(obj.cls):
                return ConstVal(True)
        return ConstVal(False)

    def _plain_module_class(self, cls: ClassVal) -> bool:
        """The user class derives from `torch.nn.Module` through user classes only: it is an
        instance of no torch.nn layer class (`isinstance(model, nn.Linear)` is False)."""
        users = {base.node.name for base in cls.bases}
        for klass in (cls, *cls.bases):
            for base in klass.node.bases:
                if isinstance(base, ast.Name) and base.id in users:
                    continue
                if self.imports.qualify(base) != "torch.nn.Module":
                    return False
        return True

    def _list_add(
        self,
        lst: ListObj | TupleVal,
        func: ast.Attribute,
        node: ast.Call,
        state: State,
        stmt: ast.stmt,
    ) -> Value:
        args, _ = self._eval_args(node, state, stmt)
        if isinstance(lst, TupleVal):  # a list literal grows: track it as a list from now on
            grown = ListObj()
            for item in lst.items:
                grown.add(item)
            if isinstance(func.value, (ast.Name, ast.Attribute)):
                self._rebind_expr(func.value, grown, state)
            lst = grown
        if args:
            self._touch(lst)
            value = args[-1]
            if func.attr == "extend" and isinstance(value, TupleVal):
                for item in value.items:
                    lst.add(item)
            elif func.attr == "extend":
                lst.add(self.element_of(value, node, state))
            elif func.attr == "insert":  # `out.insert(0, det_out)`: first from now on
                where = args[0] if len(args) == 2 else None
                index = where.value if isinstance(where, ConstVal) else None
                lst.insert(index if isinstance(index, int) else None, value)
            else:
                lst.add(value)
        return ConstVal(None)

    def repeated_layers(self, container: ModuleObj, node: ast.AST, state: State) -> list[ModuleObj]:
        """The layers a loop over a container runs: its children; one built by a comprehension
        (one child standing for every index) runs that child, then a copy of it made once
        (its own parameters, buffers and caches), so the second layer is given what the first
        returned."""
        layers = list(container.children)
        if container.repeated and len(layers) == 1:
            if container.twin is None:
                twin = self.deepcopy(layers[0], node, state)
                container.twin = twin if isinstance(twin, ModuleObj) else None
                self._touch(container)
            if container.twin is not None:
                layers.append(container.twin)
        return layers

    def deepcopy(self, value: Value, node: ast.AST, state: State) -> Value:
        """`copy.deepcopy(model)`: same structure, new parameters (still requiring grad)."""
        if isinstance(value, ModuleObj):
            clone = ModuleObj(
                kind=value.kind,
                span=self.src.span(node),
                inplace=value.inplace,
                cls=value.cls,
                inplace_span=value.inplace_span,
                options=dict(value.options),
                node=value.node,
                generic=value.generic,
                repeated=value.repeated,
                output_requires_grad=value.output_requires_grad,
                pre_hooks=list(value.pre_hooks),  # a copy keeps the module's hooks
                post_hooks=list(value.post_hooks),
                sequential=value.sequential,
            )
            clone.buffers = set(value.buffers)
            clone.children = [
                c2
                for c in value.children
                if isinstance(c2 := self.deepcopy(c, node, state), ModuleObj)
            ]
            for name, attr in value.attrs.items():
                clone.attrs[name] = (
                    self.deepcopy(attr, node, state)
                    if isinstance(attr, (ModuleObj, TensorVal))
                    else attr
                )
                self._index_tensor(clone, name, clone.attrs[name])
            return clone
        if isinstance(value, TensorVal):
            tag = ("copy", getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
            return value.with_(
                sids=frozenset((*tag, *map(str, s)) for s in value.sids),
                deps=frozenset(),
                is_view=False,
                view_kind=None,
            )
        return value

    def _expand_starred(
        self, node: ast.Starred, state: State, stmt: ast.stmt
    ) -> list[Value] | SeqVal:
        """`*xs`: its items where they are known (a tuple, a ModuleList, a list of layers),
        else a sequence of its (joined) element."""
        unrolled = (
            self.consumed_generator(node.value, state, stmt)
            if isinstance(node.value, ast.GeneratorExp)
            else None
        )
        inner = (
            unrolled
            if unrolled is not None
            else self.drained(self.eval(node.value, state, stmt), node, state)
        )
        if isinstance(inner, TupleVal):
            return list(inner.items)
        if isinstance(inner, ModuleObj) and inner.children and not inner.repeated:
            return list(inner.children)  # nn.Sequential(*layers) from a ModuleList
        if (
            isinstance(inner, ListObj)
            and inner.items
            and len(inner.items) < ListObj.MAX_ITEMS
            and all(isinstance(i, ModuleObj) for i in inner.items)
        ):
            return list(inner.items)  # nn.Sequential(*layers) from a list of layers
        return SeqVal(self.element_of(inner, node, state))

    def _is_torch_or_known(self, qual: str) -> bool:
        return qual == "torch" or qual.startswith("torch.")

    def _eval_args(
        self, node: ast.Call, state: State, stmt: ast.stmt
    ) -> tuple[list[Value], dict[str, Value]]:
        args: list[Value] = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                expanded = self._expand_starred(arg, state, stmt)
                if isinstance(expanded, SeqVal):
                    args.append(SpreadVal(expanded.elem))
                else:
                    args.extend(expanded)
            else:
                args.append(self.eval(arg, state, stmt))
        kwargs: dict[str, Value] = {}
        for kw in node.keywords:
            value = self.eval(kw.value, state, stmt)
            if kw.arg is not None:
                kwargs[kw.arg] = value
            elif isinstance(value, DictVal):  # `**params` with keys we know
                for key, item in value.items:
                    if isinstance(key, str):
                        kwargs[key] = item
        if (
            len(node.args) > 1
            and not all(_is_name_like(a) for a in node.args)
            and len(args) == len(node.args)
        ):
            # a later argument may have re-run an allocation site that aged an earlier one
            args = [self._relookup(a, v, state) for a, v in zip(node.args, args, strict=True)]
        return args, kwargs

    def call_super(self, name: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`super().name(...)` in a method: the base class's method, run on the same object
        (a user base's `__init__` builds layers, its `forward` computes)."""
        _, owner, self_obj = self.super_receiver(state)
        method = next(
            (b.methods[name] for b in (owner.bases if owner else ()) if name in b.methods), None
        )
        if method is None or not isinstance(self_obj, ModuleObj):
            args, kwargs = self._eval_args(node, state, stmt)
            if (
                name == "__init__"
                and isinstance(self_obj, ModuleObj)
                and self.derives_from_optimizer(self_obj)
            ):  # `super().__init__(params, defaults)` of a user Optimizer: its param_groups
                self.init_optimizer_base(self_obj, node, args, kwargs, state)
            elif (
                name == "__init__"
                and isinstance(self_obj, ModuleObj)
                and owner is not None
                and self._derives_from_sequential(owner)
            ):  # `super().__init__(*layers)`: the container's children, in order
                _add_children(self_obj, args)
                self_obj.sequential = "forward" not in owner.methods and not any(
                    "forward" in b.methods for b in owner.bases
                )
                self._touch(self_obj)
            return UNKNOWN
        return self.call_function(method, node, state, stmt, self_obj=self_obj)

    def _derives_from_sequential(self, cls: ClassVal) -> bool:
        """The class (or a user base of it) names `nn.Sequential` among its bases."""
        return self.derives_from_torch(cls, "torch.nn.Sequential")

    def derives_from_torch(self, cls: ClassVal, qual: str) -> bool:
        """The class (or a user base of it) names the torch class `qual` among its bases."""
        for klass in (cls, *cls.bases):
            for base in klass.node.bases:
                if self.imports.qualify(base) == qual:
                    return True
        return False

    def is_module_dict(self, obj: ModuleObj) -> bool:
        """An `nn.ModuleDict`, or an object of a user subclass of it (children by key)."""
        return obj.kind == "torch.nn.ModuleDict" or (
            obj.cls is not None and self.derives_from_torch(obj.cls, "torch.nn.ModuleDict")
        )

    def call_function(
        self,
        func: FuncVal,
        node: ast.Call,
        state: State,
        stmt: ast.stmt,
        self_obj: ModuleObj | None,
    ) -> Value:
        args, kwargs = self._eval_args(node, state, stmt)
        return self._invoke(func, args, kwargs, node, state, self_obj)

    def _invoke(
        self,
        func: FuncVal,
        args: list[Value],
        kwargs: dict[str, Value],
        node: ast.AST,
        state: State,
        self_obj: ModuleObj | None,
    ) -> Value:
        # lambdas are expressions: they never count towards the call depth. In the script's
        # own flow (run from the module body) constructors do not either: they build the
        # module tree its forward needs (a factory, a model, its blocks, their layers: deep in
        # real projects); the frame cap still bounds them. Library code analysed function by
        # function keeps the plain limit (its nested constructors in loops would multiply).
        from_module = bool(self.frames) and self.frames[0].func is None
        if from_module:
            self.flow_calls.setdefault(id(func.node), set()).add(state.grad)

        def free(f: FuncVal) -> bool:
            return (
                isinstance(f.node, ast.Lambda)
                or _is_accessor(f)
                or (from_module and (_is_constructor(f) or _is_forward(f)))
            )

        # nor do calls given a config dict (`build_from_cfg(cfg, BACKBONES)`): a registry
        # builds the model from nested configs, re-entering its builder once per level
        building = from_module and carries_config(args, kwargs)
        # nor do the script's drivers that hand a module down (`train_model(model, opt, ...)`
        # -> `train_one_epoch(model, ...)` -> `batch_processor(model, batch)`): each level only
        # passes the model on, and the model's own code (its forward's helpers) is what the
        # depth is for
        # and so do the methods of a plain object that runs the training (`solver.train()` ->
        # `self._run_one_epoch(epoch)`: a trainer, not a layer), and functions handed no
        # tensor at all (`main()` -> `run(args)`): they set up and drive, and the calls that
        # compute come below them
        driving = from_module and (
            any(isinstance(v, ModuleObj) for v in (*args, *kwargs.values()))
            or (self_obj is not None and self_obj.cls is not None and not self_obj.cls.is_module)
            or (
                self_obj is None
                and not isinstance(func.node, ast.Lambda)
                and not any(held_tensors(v) for v in (*args, *kwargs.values()))
            )
        )
        # an imported module's top level (a frame without a function, past the first) is no
        # call: a decorator in a deeply nested package module runs as one in the script would
        depth = sum(
            1
            for i, f in enumerate(self.frames)
            if (i == 0 or f.func is not None)
            and not (f.building or f.driving or (f.func and free(f.func)))
        )
        limit = MODULE_FLOW_DEPTH if from_module else MAX_CALL_DEPTH
        too_deep = depth > limit and not (building or driving or free(func))
        if not from_module and func.module is not None and func.module is not self.main_scope:
            # a function analysed on its own follows calls into other modules one level
            # only: the file's own flow (its script) goes as deep as same-file code, but
            # library code, analysed function by function with unknown arguments, would
            # otherwise re-analyse whole imported packages in every function
            too_deep = too_deep or depth > FOREIGN_STANDALONE_DEPTH
        if (
            self.foreign_statements > FOREIGN_STATEMENT_BUDGET
            and not self.modules_running
            and func.module is not None
            and func.module is not self.main_scope
            and not isinstance(func.node, ast.Lambda)
        ):
            # this file's code has run enough of other modules' code: what it calls there
            # from now on is left opaque, as without modules followed, rather than the whole
            # analysis stopping at the statement budget (a script whose flow runs a
            # package's whole generation pipeline, again for each of its calls)
            too_deep = True
        if (
            too_deep
            or too_many_frames(self.frames, limit + 8)
            or reentered(self.frames, func, building, subject := _recursion_subject(self_obj, args))
        ):
            return self._opaque_call(args, kwargs, self_obj, node, state)
        callee = state.sharing_flow()
        scope = func.module if isinstance(func.module, ModuleScope) else self.main_scope
        frame = Frame(
            globals=(
                scope.env  # type: ignore[arg-type]
                if scope is not self.main_scope
                else (self.frames[0].globals if self.frames else {})
            ),
            func=func,
            call_span=self.src.span(node),
            call_stmt=self.current_stmt,
            call_node=node,
            call_scope=self.scope,
            closure=func.closure,
            building=building,
            driving=driving,
            unpacked_into=self._unpacked_into(node),
            receiver=subject,
        )
        frame.arg_sids = frozenset(
            sid for a in [*args, *kwargs.values()] for t in held_tensors(a) for sid in t.sids
        )
        instance = (
            (self_obj.span.line, self_obj.span.col, *_tag(self_obj.span))
            if self_obj is not None
            else ()
        )
        self.call_stack.append(
            (
                *self.scope.tag,
                getattr(node, "lineno", 0),
                getattr(node, "col_offset", 0),
                *instance,
            )
        )
        self.frames.append(frame)
        self.caller_states.append(state)
        try:
            with self.in_scope(scope):
                self._bind_params(func, callee, args, kwargs, self_obj)
                out_state = self._run_body(func, callee)
            if from_module:
                self.flow_ran.add(id(func.node))
        except RecursionError:
            # nested deeper than Python lets the analysis go (a framework's trainer followed
            # from a script's drivers): this call is left opaque and the caller goes on
            out_state = None
        finally:
            self.caller_states.pop()
            self.frames.pop()
            self.call_stack.pop()
            self.current_stmt = frame.call_stmt
        if out_state is None:
            return self._opaque_call(args, kwargs, self_obj, node, state)
        state.continue_from(out_state)
        if frame.arg_writes:
            self._hand_back_arg_writes(frame, state)
        results = [v for v, _ in frame.returns]
        if frame.unpacked_into is not None:
            results = _fitting_unpack(results, frame.unpacked_into)
        return _join_all(results) if results else ConstVal(None)

    def _unpacked_into(self, node: ast.AST) -> int | None:
        """How many names the call's result is unpacked into, where the statement running it
        says so: `a, b = f(x)`, or `return f(x)` in a function whose own result is."""
        stmt = self.current_stmt
        if isinstance(stmt, ast.Assign) and stmt.value is node and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, (ast.Tuple, ast.List)) and not any(
                isinstance(e, ast.Starred) for e in target.elts
            ):
                return len(target.elts)
        if isinstance(stmt, ast.Return) and stmt.value is node and self.frames:
            return self.frames[-1].unpacked_into
        return None

    def _hand_back_arg_writes(self, frame: Frame, state: State) -> None:
        """The callee wrote a tensor the caller passed in place (`t.div_(t.norm())` in a
        helper): the caller's names holding that tensor now run back through the write's
        backward and what it saved, as the callee's name does. A caller that got the tensor
        from its own caller hands the write on when it returns."""
        outer = self.frames[-1] if self.frames else None
        for sids, deps, rg in frame.arg_writes:
            for name, value in list(state.env.items()):
                if (
                    isinstance(value, TensorVal)
                    and value.sids
                    and value.sids <= sids
                    and not value.may_alias
                    and (rg > value.rg or not deps <= value.deps)
                ):
                    state.env[name] = value.with_(
                        deps=union_deps(value.deps, deps), rg=value.rg | rg
                    )
            if outer is not None and sids & outer.arg_sids:
                outer.arg_writes.append((sids, deps, rg))

    def _opaque_call(
        self,
        args: list[Value],
        kwargs: dict[str, Value],
        self_obj: ModuleObj | None,
        node: ast.AST,
        state: State,
    ) -> Value:
        """A function of this file called too deep to follow: what it saves is unknown, but its
        result is taken to be computed from its tensor arguments (and its module's parameters),
        so a backward through it still reaches what they depend on. It may run a backward:
        no parameter's `.grad` is surely None after it."""
        state.grads_none = frozenset()
        tensors = [
            t for a in [*args, *kwargs.values()] for t in _flatten(a) if isinstance(t, TensorVal)
        ]
        if not tensors:
            return UNKNOWN
        needs_grad = any(t.rg != Tri.NO for t in tensors) or bool(
            self_obj is not None and self_obj.parameters()
        )
        rg = Tri.NO if not needs_grad or state.grad == Tri.NO else Tri.MAYBE
        deps: frozenset[tuple[object, ...]] = frozenset()
        for t in tensors:
            deps |= t.deps
        return self.fresh_tensor(node, rg, state, deps, deps_from=saves_from(*tensors))

    def _run_body(self, func: FuncVal, state: State) -> State:
        self._entered(func.node)
        if isinstance(func.node, ast.Lambda):
            value = self.eval(func.node.body, state, self.current_stmt or ast.Pass())
            self.frame.returns.append((value, None))
            return state
        if func.grad_decorator is not None:
            _enter(func.grad_decorator, state)
        prev = self._current_class
        # a function defined in `__init__` takes the class as its owner; one defined in a
        # function `__init__` calls (`change_default_args(bias=False)` returning a wrapper
        # of a layer class) belongs to no class: its first parameter is no `self`
        self._current_class = func.owner if func.node.name == "__init__" else None
        try:
            return self.exec_block(func.node.body, state)
        finally:
            self._current_class = prev

    def _bind_params(
        self,
        func: FuncVal,
        state: State,
        args: list[Value] | None,
        kwargs: dict[str, Value] | None,
        self_obj: ModuleObj | None,
    ) -> None:
        node = func.node
        fname = "<lambda>" if isinstance(node, ast.Lambda) else node.name
        params = [*node.args.posonlyargs, *node.args.args]
        is_method = (
            func.owner is not None and not isinstance(node, ast.Lambda) and not _is_static(node)
        )
        in_module = func.owner is not None and func.owner.is_module
        positional = list(args or [])
        if (
            func.owner is not None
            and func.owner.is_autograd_function
            and params
            and (fname in ("forward", "backward", "setup_context"))
        ):
            state.env[params[0].arg] = AutogradCtx(func.owner)  # `ctx`
            params = params[1:]
            if args is not None:
                positional = positional[1:]
        if is_method and params:
            first = params[0]
            if self_obj is not None:
                state.env[first.arg] = self_obj
            elif positional and _instance_of(positional[0], func.owner):
                # the function of a class called with its instance: `Base.__init__(self, cfg)`
                # in a subclass, or a method of a user's dict subclass given the dict
                # (`hp.overwrite(cfg)`)
                state.env[first.arg] = positional.pop(0)
            elif func.owner is not None:
                state.env[first.arg] = self.standalone_instance(func.owner)
            params = params[1:]
        defaults = node.args.defaults
        default_for = {
            p.arg: d for p, d in zip(params[len(params) - len(defaults) :], defaults, strict=False)
        }
        for i, p in enumerate(params):
            if args is not None and i < len(positional):
                state.env[p.arg] = positional[i]
            elif kwargs is not None and p.arg in kwargs:
                state.env[p.arg] = kwargs[p.arg]
            elif args is not None and p.arg in default_for:
                state.env[p.arg] = self._default_value(default_for[p.arg])
            else:
                state.env[p.arg] = self._unknown_param(p, default_for.get(p.arg), in_module, fname)
        for p, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=False):
            if kwargs is not None and p.arg in kwargs:
                state.env[p.arg] = kwargs[p.arg]
            elif args is not None and d is not None:
                state.env[p.arg] = self._default_value(d)
            else:
                state.env[p.arg] = self._unknown_param(p, d, in_module, fname)
        if node.args.vararg:
            state.env[node.args.vararg.arg] = SeqVal(UNKNOWN)
        if node.args.kwarg:
            state.env[node.args.kwarg.arg] = UNKNOWN

    def _default_value(self, default: ast.expr) -> Value:
        """A parameter's default: a constant, or a torch layer or function named by it
        (`activation_layer=nn.ReLU`, `act=F.gelu`) that the body will call."""
        if isinstance(default, ast.Constant):
            return ConstVal(default.value)
        if isinstance(default, (ast.Name, ast.Attribute)):
            return self._torch_function(default)
        return UNKNOWN

    def _unknown_param(
        self, p: ast.arg, default: ast.expr | None, in_module: bool, fname: str
    ) -> Value:
        """An argument we know nothing about: a tensor that may require grad, when the code
        says so (annotation) or it is a module's forward input; otherwise unknown."""
        if isinstance(default, ast.Constant) and default.value is not None:
            return ConstVal(default.value)
        if p.annotation is not None and self._is_tensor_annotation(p.annotation):
            return TensorVal(sids=frozenset({("param", p.lineno, p.col_offset)}), rg=Tri.MAYBE)
        if in_module and fname == "forward" and default is None:
            return TensorVal(sids=frozenset({("param", p.lineno, p.col_offset)}), rg=Tri.MAYBE)
        return UNKNOWN

    def _is_tensor_annotation(self, ann: ast.expr) -> bool:
        q = self.imports.qualify(ann)
        if q in ("torch.Tensor", "torch.FloatTensor"):
            return True
        return isinstance(ann, ast.Constant) and ann.value in ("torch.Tensor", "Tensor")

    def apply_function(self, cls: ClassVal, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`MyFunction.apply(...)`: its forward runs with grad mode off; each output requires
        grad when an input does. An output that is an input, a view of one, or a view made in
        forward is a view autograd forbids modifying in place (verified on torch 2.13: 'This
        view was created inside a custom Function'; split outputs: the multi-output view error;
        when no input requires grad: a view made in no_grad mode)."""
        args, kwargs = self._eval_args(node, state, stmt)
        inputs = [
            t for a in [*args, *kwargs.values()] for t in _flatten(a) if isinstance(t, TensorVal)
        ]
        grad_before = state.grad
        state.grad = Tri.NO
        self.function_saves.append([])
        try:
            result = self._invoke(
                cls.methods["forward"], [UNKNOWN, *args], kwargs, node, state, None
            )
        finally:
            state.grad = grad_before
            saved = self.function_saves.pop()
        rg = Tri.NO
        deps: frozenset[tuple[object, ...]] = frozenset()
        for t in inputs:
            rg = rg | t.rg
            deps |= t.deps
        if rg != Tri.NO and grad_before != Tri.NO and not state.inference_mode:
            self._function_saves_inference(cls, saved, args, node, stmt, state)
            deps |= self._record_function_saves(cls, saved, result, node, state, rg, grad_before)
        if grad_before == Tri.NO or state.inference_mode:
            rg = Tri.NO
        input_sids = frozenset(s for t in inputs for s in t.sids)

        def output(value: Value) -> Value:
            if isinstance(value, TupleVal):
                return TupleVal(tuple(output(v) for v in value.items))
            if isinstance(value, SeqVal):
                return SeqVal(output(value.elem))
            if not isinstance(value, TensorVal):
                return value
            made = value.with_(
                rg=rg, leaf_rg=Tri.NO, deps=(value.deps | deps) if rg else frozenset()
            )
            # an input, a view of one, or a view made in forward (its grad mode is off, so
            # `out.view(...)` there is a no_grad view; verified on torch 2.13: the output is
            # then a view created inside the Function too); `detach()` there makes no view
            viewed = bool(value.sids & input_sids) or value.view_kind == "no_grad"
            if rg == Tri.NO and viewed and not state.inference_mode:
                # no input requires grad: such an output is a view made in no_grad mode
                # (torch 2.13: writing a value that requires grad into it raises there)
                return made.with_(is_view=True, view_kind="no_grad", view_node=None)
            if rg == Tri.NO or not viewed:
                return made.with_(view_kind=None) if made.view_kind == "no_grad" else made
            if value.view_op is not None:  # unbind/split/chunk inside forward
                return made.with_(is_view=True, view_kind="multi")
            return made.with_(is_view=True, view_kind="custom_fn", view_op=cls.node.name)

        return output(result)

    def _function_saves_inference(
        self,
        cls: ClassVal,
        saved: list[TensorVal],
        args: list[Value],
        node: ast.Call,
        stmt: ast.stmt,
        state: State,
    ) -> None:
        """An inference tensor the forward passed to `ctx.save_for_backward` (a cos/sin table
        cached under inference_mode, given to the Function in training): `apply` raises there
        (verified on torch 2.13: 'Inference tensors cannot be saved for backward', at the
        `.apply(...)` call). The arguments that passed them are named, for a clone."""
        found = [t for t in saved if t.inference]
        if not found:
            return
        given: list[ast.expr] = []
        if not any(isinstance(a, ast.Starred) for a in node.args):
            for t in found:
                for arg, value in zip(node.args, args, strict=False):
                    if isinstance(value, TensorVal) and value.sids & t.sids:
                        if arg not in given:
                            given.append(arg)
                        break
                else:
                    given = []  # one made in forward: no argument to clone
                    break
        what = (
            ", ".join(f"`{self.src.text(a)}`" for a in given)
            if given
            else "a tensor given to `ctx.save_for_backward`"
        )
        self.det.on_inference_saved(
            found[0], node, state, f"{cls.node.name}.apply", what, None, given
        )

    def _record_function_saves(
        self,
        cls: ClassVal,
        saved: list[TensorVal],
        result: Value,
        node: ast.AST,
        state: State,
        rg: Tri,
        grad: Tri,
    ) -> frozenset[tuple[object, ...]]:
        """What the forward passed to `ctx.save_for_backward` is kept for the Function's
        backward, which unpacks it: modifying it (an output it returned, an input) before
        that backward raises (verified on torch 2.13, at `ctx.saved_tensors`)."""
        outputs = frozenset(
            sid for t in _flatten(result) if isinstance(t, TensorVal) for sid in t.sids
        )
        keys = set()
        for index, tensor in enumerate(saved):
            key = ("fn-save", *self.site(node), index)
            what = "its output" if tensor.sids & outputs else "a tensor it saved"
            certain = rg == Tri.YES and grad == Tri.YES
            self._record_save(
                state, key, tensor.sids, cls.node.name, node, what, certain, clonable=False
            )
            keys.add(key)
        return frozenset(keys)


def _first_arg(call: ast.Call) -> ast.expr:
    """The first positional argument, or the call itself when it is spread (`list(*xs)`)."""
    first = call.args[0] if call.args else call
    return call if isinstance(first, ast.Starred) else first


def _is_forward(func: FuncVal) -> bool:
    """A user nn.Module's `forward`: in the script's flow, a model runs its submodules' forwards
    as deep as its module tree, which its constructors built (and the frame cap bounds); the
    call chain that reaches the model (`main` -> `trainer.train` -> `step` -> `select_action`)
    is what the call depth limits. What a forward saves is what a later write or optimizer
    step invalidates."""
    owner = func.owner
    return owner is not None and owner.is_module and getattr(func.node, "name", "") == "forward"


def _fitting_unpack(results: list[Value], count: int) -> list[Value]:
    """The returned values a caller unpacking `count` names can have got: a function that
    returns `(loss, aux)` in training and the bare prediction otherwise (`if self.training and
    target is not None:`) gave the caller, who unpacks two names, the pair. A tensor, None or a
    tuple of another length would not unpack (the tensor only by its first dimension, which
    code returning a pair on another path does not mean); unknown values may fit. None fitting:
    all of them, as before."""
    fitting = [v for v in results if _may_unpack_into(v, count)]
    return fitting if fitting else results


def _may_unpack_into(value: Value, count: int) -> bool:
    if isinstance(value, TupleVal):
        return len(value.items) == count
    if isinstance(value, ListObj):
        return not value.ordered or len(value.items) == count
    if isinstance(value, ConstVal):
        held = value.value
        return isinstance(held, (tuple, list, str)) and len(held) == count
    return not isinstance(value, (TensorVal, DictVal, ModuleObj, FuncVal, ClassVal))


_ACCESSORS: weakref.WeakKeyDictionary[ast.AST, bool] = weakref.WeakKeyDictionary()


def _is_accessor(func: FuncVal) -> bool:
    """`return [InvertedPendulum.THETA]`, `return self._dims`: a body of one `return` that
    calls nothing (a property's getter): following it costs nothing, at any depth. Read
    from the function's text once."""
    node = func.node
    if isinstance(node, ast.Lambda):
        return False
    found = _ACCESSORS.get(node)
    if found is None:
        stmt = node.body[0] if len(node.body) == 1 else None
        found = _ACCESSORS[node] = (
            isinstance(stmt, ast.Return)
            and stmt.value is not None
            and not any(isinstance(n, (ast.Call, ast.Lambda)) for n in ast.walk(stmt.value))
        )
    return found


def _instance_of(value: Value, owner: ClassVal | None) -> bool:
    """`value` is an object (or a dict, of a user's dict subclass) made by `owner` or by a
    class deriving from it."""
    return (
        isinstance(value, (DictVal, ModuleObj))
        and value.cls is not None
        and owner is not None
        and owner in _class_and_bases(value.cls)
    )


def _recursion_subject(self_obj: ModuleObj | None, args: list[Value]) -> object:
    """What a recursive call works on: the module a method runs on, or a function's first
    argument when it is a container or a constant (`_to_config_dict(v)` for each value of a
    nested config dict); None when there is nothing to tell two levels apart by."""
    if self_obj is not None:
        # an nn.Module's method (nested blocks); a plain object's recursion (a trie of
        # constraint nodes, a tree walk) is not followed level by level
        return self_obj if self_obj.cls is not None and self_obj.cls.is_module else None
    if args and isinstance(args[0], (DictVal, TupleVal, ListObj, ConstVal)):
        return args[0]
    return None
