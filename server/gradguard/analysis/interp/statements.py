"""Statements: assignment and binding targets, control flow (branches joined, loops to a fixed
point), `with` grad modes, class definitions and their decorators."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace

from .. import torch_api as api
from ..imports import dotted_name
from ..module_cache import module_cache
from ..state import State, join_states
from ..values import (
    UNKNOWN,
    ClassVal,
    ConstVal,
    CtxVal,
    DictVal,
    FuncVal,
    ListObj,
    MapVal,
    ModuleNsVal,
    ModuleObj,
    NumpyVal,
    SeqVal,
    Sid,
    TensorVal,
    TorchFnVal,
    Tri,
    TupleVal,
    Value,
    any_entry,
    join_all,
    join_values,
    next_serial,
    write_lands_surely,
)
from .base import InterpreterBase
from .context_generators import contexts_at_yield
from .dict_keys import constant_key
from .helpers import (
    _assumed,
    _enter,
    _join_attr,
    _known_items,
    _list_view,
    _merge_into,
    _property_kind,
    _truth,
)
from .limits import (
    MAX_DICT_ITEMS,
    MAX_LOOP_ROUNDS,
    MAX_UNROLLED_ITEMS,
    STATEMENT_BUDGET,
    BudgetExceeded,
)
from .loop_exits import LoopExits, leave_early, marks, rejoin, restore_modes
from .loop_reads import exposed_reads
from .range_unroll import range_rounds
from .registries import registry_method
from .slices import fold_binop

# containers whose items are set by subscript (`self.heads["cls"] = ...`, `self.blocks[0] = ...`)
_KEYED_CONTAINERS = frozenset({"torch.nn.ModuleDict", "torch.nn.ModuleList"})


class Statements(InterpreterBase):
    def exec_block(self, stmts: list[ast.stmt], state: State) -> State:
        for stmt in stmts:
            if not state.alive:
                break
            self.statements += 1
            if self.statements > STATEMENT_BUDGET:
                raise BudgetExceeded
            if self.scope is not self.main_scope and not self.modules_running:
                self.foreign_statements += 1
            self.current_stmt = stmt
            env = state.env
            try:
                state = self.exec_stmt(stmt, state)
                if state.env is not env and self.frames and self.frames[-1].globals is env:
                    # a module-level `if` (or conditional expression) joined two paths into
                    # a new namespace: the module's globals stay one dict, the one its
                    # functions (and the functions its flow calls) look their names up in
                    env.clear()
                    env.update(state.env)
                    state.env = env
            except (BudgetExceeded, RecursionError):
                raise
            except Exception as exc:  # noqa: BLE001 - one odd statement must not stop the file
                self.det.internal_problem(stmt, exc)
        return state

    def exec_stmt(self, stmt: ast.stmt, state: State) -> State:
        if isinstance(stmt, ast.Expr):
            self.eval(stmt.value, state, stmt)
        elif isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value, state, stmt)
            for target in stmt.targets:
                if isinstance(target, (ast.Name, ast.Attribute)):
                    self.det.check_rebinding(
                        target, stmt.value, value, self.eval_quiet(target, state), state, stmt
                    )
                self.bind(target, value, state, stmt)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                value = self.eval(stmt.value, state, stmt)
                self.bind(stmt.target, value, state, stmt)
        elif isinstance(stmt, ast.AugAssign):
            self.exec_augassign(stmt, state)
        elif isinstance(stmt, ast.If):
            return self.exec_if(stmt, state)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            return self.exec_for(stmt, state)
        elif isinstance(stmt, ast.While):
            self.eval(stmt.test, state, stmt)
            breaks: list[State] = []
            body_out = self.fixpoint(
                lambda s: self.exec_loop_body(stmt.body, s, breaks), state, stmt
            )
            if stmt.orelse:
                body_out = self.exec_block(stmt.orelse, body_out)
            return rejoin(body_out, breaks)
        elif isinstance(stmt, (ast.Continue, ast.Break)):
            leave_early(self.loop_exit_stack, state, isinstance(stmt, ast.Break))
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            return self.exec_with(stmt, state)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            return self.exec_try(stmt, state)  # type: ignore[arg-type]
        elif isinstance(stmt, ast.Return):
            value = self.eval(stmt.value, state, stmt) if stmt.value is not None else UNKNOWN
            self.frame.returns.append((value, stmt))
            self.det.on_return(value, state, stmt, self.frame)
            state.alive = False
        elif isinstance(stmt, ast.Raise):
            if stmt.exc is not None:
                self.eval(stmt.exc, state, stmt)
            state.alive = False
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            owner = self._current_class
            state.env[stmt.name] = defined = FuncVal(
                stmt,
                owner=owner,
                grad_decorator=self._grad_decorator(stmt),
                closure=state.env if self.frames and self.frame.func is not None else None,
                module=self.scope,
            )
            if stmt.decorator_list:
                self.run_function_decorators(defined, stmt, state)  # `@BACKBONES.register()`
        elif isinstance(stmt, ast.ClassDef):
            cls = self.exec_classdef(stmt, state)
            state.env[stmt.name] = self._decorate(cls, stmt, state)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            if self.linker is not None:
                self.linker.exec_import(stmt, state)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    state.env.pop(target.id, None)
        elif isinstance(stmt, ast.Assert):
            self.eval(stmt.test, state, stmt)
        elif isinstance(stmt, ast.Match):
            self.eval(stmt.subject, state, stmt)
            with self.guessed_paths():
                outs = [self.exec_block(case.body, state.copy()) for case in stmt.cases]
            result = state
            for out in outs:
                result = join_states(result, out)
            return result
        return state

    def exec_classdef(self, node: ast.ClassDef, state: State) -> ClassVal:
        cls = ClassVal(
            node,
            is_module=self._is_module_class(node, state.env),
            is_autograd_function=self._is_autograd_function(node, state.env),
        )
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                func = FuncVal(
                    item, owner=cls, grad_decorator=self._grad_decorator(item), module=self.scope
                )
                kind = _property_kind(item)
                if kind == "setter":
                    cls.setters[item.name] = func
                    continue
                if kind == "getter":
                    cls.getters[item.name] = func
                cls.methods[item.name] = func
        bases = [self._base_class(b, state.env) for b in node.bases]
        cls.bases = tuple(b for b in bases if isinstance(b, ClassVal))
        cls.torch_layer = next(
            (b.qual for b in bases if isinstance(b, TorchFnVal) and b.qual.startswith("torch.nn.")),
            None,
        )
        cls.torch_optimizer = self.optimizer_base(node, cls.bases, state)
        for base in cls.bases:  # inherited methods (the first base wins, as in the MRO)
            for table, inherited in (
                (cls.methods, base.methods),
                (cls.getters, base.getters),
                (cls.setters, base.setters),
            ):
                for name, func in inherited.items():
                    table.setdefault(name, func)
        self.class_attributes(cls, node, state)  # `expansion = 4`, `arch_settings = {...}`
        if "__call__" not in cls.methods:
            for base_expr in node.bases:
                method = api.CALL_PROTOCOLS.get(self.imports.qualify(base_expr) or "")
                if method is not None and method in cls.methods:
                    cls.methods["__call__"] = cls.methods[method]
                    break
        return cls

    def _decorate(self, cls: ClassVal, stmt: ast.ClassDef, state: State) -> Value:
        """Class decorators run, innermost first: a registry decorator (`@register("unet")`)
        records the class where a factory finds it; one that returns something we cannot
        follow leaves the class as it was."""
        value: Value = cls
        for decorator in reversed(stmt.decorator_list):
            func = self.eval(decorator, state, stmt)
            registering = registry_method(func)  # `@HEADS.register_module`: the registry's
            if registering is not None:
                method, registry = registering
                returned = self._invoke(method, [value], {}, decorator, state, registry)
            elif isinstance(func, FuncVal):
                returned = self._invoke(func, [value], {}, decorator, state, None)
            else:
                continue
            if isinstance(returned, ClassVal):
                value = returned
        return value

    def _is_autograd_function(self, node: ast.ClassDef, env: dict[str, Value]) -> bool:
        for base in node.bases:
            if self.imports.qualify(base) in api.AUTOGRAD_FUNCTION_BASES:
                return True
            val = self._base_class(base, env)
            if isinstance(val, ClassVal) and val.is_autograd_function:
                return True
        return False

    def _is_module_class(self, node: ast.ClassDef, env: dict[str, Value]) -> bool:
        for base in node.bases:
            q = self.imports.qualify(base)
            if q in api.MODULE_BASES or (q and q.startswith("torch.nn.")):
                return True
            val = self._base_class(base, env)
            if isinstance(val, ClassVal) and val.is_module:
                return True
            if isinstance(val, TorchFnVal) and val.qual.startswith("torch.nn."):
                return True  # `class Wrapped(layer_class)` of a factory given `nn.Linear`
        return False

    def _base_class(self, base: ast.expr, env: dict[str, Value]) -> Value:
        """A base class named in this module or reached through a project module
        (`layers.Block`, `models.base.Net`)."""
        if isinstance(base, ast.Name):
            return env.get(base.id, UNKNOWN)
        if isinstance(base, ast.Attribute) and self.linker is not None:
            owner = self._base_class(base.value, env)
            if isinstance(owner, ModuleNsVal):
                return self.linker.attribute(owner, base.attr, State(env=dict(env)))
        return UNKNOWN

    def exec_if(self, stmt: ast.If, state: State) -> State:
        test = self.eval(stmt.test, state, stmt)
        truth = _truth(test)
        if truth is True:
            return self.exec_block(stmt.body, state)
        if truth is False:
            return self.exec_block(stmt.orelse, state)
        then_state, other_state = state.copy(), state.copy()
        narrowed = _none_test(stmt.test)
        if narrowed is not None:  # `x is None`: x is None in the branch that says so
            name, none_branch_is_then = narrowed
            if name in state.env:
                (then_state if none_branch_is_then else other_state).env[name] = ConstVal(None)
                held = state.env[name]
                if isinstance(held, TensorVal) and held.maybe_none:  # the other: the tensor
                    not_none = other_state if none_branch_is_then else then_state
                    not_none.env[name] = held.with_(maybe_none=False)
        with self.guessed_paths():
            then = self.exec_block(stmt.body, then_state)
            other = self.exec_block(stmt.orelse, other_state)
        return join_states(then, other)

    def exec_for(self, stmt: ast.For | ast.AsyncFor, state: State) -> State:
        iterable = self.drained(self.eval(stmt.iter, state, stmt), stmt.iter, state)
        unrolled: list[Value] | None = None
        if (
            isinstance(iterable, ModuleObj)
            and iterable.children
            and len(iterable.children) <= MAX_UNROLLED_ITEMS
        ):
            # each layer is known (one built by a comprehension: it and its twin)
            unrolled = list(self.repeated_layers(iterable, stmt.iter, state))
        elif isinstance(iterable, TupleVal) and 0 < len(iterable.items) <= MAX_UNROLLED_ITEMS:
            unrolled = list(iterable.items)  # `for f in (a, b):` each element is known
        elif isinstance(iterable, DictVal):
            unrolled = _known_items(iterable)  # `for k in losses:` its keys
        elif isinstance(iterable, ListObj) and _join_lost_items(iterable):
            # `for weights, decay, p in self.regularization_weight:` entries of different
            # shapes, which joined are only known as UNKNOWN: each one in turn
            unrolled = list(iterable.items)
        elif (
            isinstance(iterable, TupleVal)
            and len(iterable.items) <= 64
            and all(isinstance(i, ModuleObj) or _names_module(i) for i in iterable.items)
        ):
            # `for m in self.modules():`, `for name, m in model.named_modules():` each module
            # is known
            unrolled = list(iterable.items)
        else:
            unrolled = range_rounds(stmt, state, self.eval_quiet)  # `for i in range(2):`
        breaks: list[State] = []
        if unrolled is not None:
            for index, child in enumerate(unrolled):
                if not state.alive:
                    break
                # each unrolled pass allocates apart (layer 2 must not age layer 1's saves)
                self.call_stack.append(("for", stmt.lineno, stmt.col_offset, index))
                try:
                    self.bind(stmt.target, child, state, stmt)
                    state = self.exec_loop_body(stmt.body, state, breaks)
                finally:
                    self.call_stack.pop()
            if stmt.orelse:
                state = self.exec_block(stmt.orelse, state)
            return rejoin(state, breaks)
        elem = self.element_of(iterable, stmt.iter, state)

        def body(s: State) -> State:
            self.bind(stmt.target, elem, s, stmt)
            return self.exec_loop_body(stmt.body, s, breaks)

        out = self.fixpoint(body, state, stmt)
        if stmt.orelse:
            out = self.exec_block(stmt.orelse, out)
        return rejoin(out, breaks)

    @property
    def loop_exit_stack(self) -> list[LoopExits]:
        """The paths that left each running loop body early, innermost last."""
        stack: list[LoopExits] = vars(self).setdefault("_loop_exit_stack", [])
        return stack

    def exec_loop_body(self, body: list[ast.stmt], state: State, breaks: list[State]) -> State:
        """One round of a loop body: its end joined with the paths that `continue`d; the
        paths that `break` are added to `breaks` (they rejoin after the loop)."""
        exits = LoopExits()
        self.loop_exit_stack.append(exits)
        try:
            out = self.exec_block(body, state)
        finally:
            self.loop_exit_stack.pop()
        breaks.extend(exits.breaks)
        return rejoin(out, exits.continues)

    def fixpoint(
        self,
        body: Callable[[State], State],
        state: State,
        loop: ast.For | ast.AsyncFor | ast.While,
    ) -> State:
        """Run a loop body until the state at its head stops changing (joined with 0 runs).
        A second round that would start from the first's state but for names the body writes
        before reading them computes the same again: it is not run."""
        head = state
        fresh_from = next_serial()
        for round_ in range(MAX_LOOP_ROUNDS):
            multi_uses = self.det.multi_uses
            with self.guessed_paths():
                out = body(head.copy())
            # every path of the round left the loop (`return`, `raise`, `break` at the end of
            # the body): no second round starts; what the round did still counts after it
            ended = not out.alive
            out.alive = True
            nxt = join_states(head, out)
            # which bases of multi-output views were written is read only where such a view
            # is used: a round that used none runs the same again whatever that holds (a loop
            # writing `buf.add_(...)` adds its base there, and would take a second round)
            multi = self.det.multi_uses != multi_uses
            if ended or nxt.same_as(head, fresh_from, multi=multi):
                return nxt
            if round_ == 0:
                changed = nxt.names_changed_from(head, fresh_from, multi=multi)
                exposed = exposed_reads(loop) if changed is not None else None
                if (
                    changed is not None
                    and exposed is not None
                    and not any(name.split(".", 1)[0] in exposed for name in changed)
                ):
                    return nxt
            head = nxt
        return head

    def exec_with(self, stmt: ast.With | ast.AsyncWith, state: State) -> State:
        saved = (state.grad, state.inference_mode, state.allow_mutation, state.hooks)
        left_before = marks(self.loop_exit_stack)
        for item in stmt.items:
            ctx = self.eval(item.context_expr, state, stmt)
            if isinstance(ctx, CtxVal):
                _enter(ctx, state)
            elif isinstance(item.context_expr, ast.Call):  # a generator context manager
                callee = self.eval(item.context_expr.func, state, stmt)
                for inner in contexts_at_yield(callee, self.imports):
                    _enter(inner, state)
            if item.optional_vars is not None:
                self.bind(item.optional_vars, UNKNOWN, state, stmt)
        state = self.exec_block(stmt.body, state)
        state.grad, state.inference_mode, state.allow_mutation, state.hooks = saved
        restore_modes(self.loop_exit_stack, left_before, saved)
        return state

    def exec_try(self, stmt: ast.Try, state: State) -> State:
        before = state.copy()
        body = self.exec_block(stmt.body, state)
        merged = join_states(before, body)
        outs = [body if not stmt.orelse else self.exec_block(stmt.orelse, body)]
        for handler in stmt.handlers:
            h_state = merged.copy()
            h_state.alive = True
            if handler.name:
                h_state.env[handler.name] = UNKNOWN
            with self.guessed_paths():
                outs.append(self.exec_block(handler.body, h_state))
        result = outs[0]
        for out in outs[1:]:
            result = join_states(result, out)
        if stmt.finalbody:
            alive = result.alive
            result.alive = True
            result = self.exec_block(stmt.finalbody, result)
            result.alive = result.alive and alive
        return result

    def bind(self, target: ast.expr, value: Value, state: State, stmt: ast.stmt) -> None:
        if isinstance(target, ast.Name):
            state.env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = self.unpack(value, len(target.elts), target, state)
            for elt, item in zip(target.elts, items, strict=False):
                if isinstance(elt, ast.Starred):
                    self.bind(elt.value, SeqVal(item), state, stmt)
                else:
                    self.bind(elt, item, state, stmt)
        elif isinstance(target, ast.Attribute):
            obj = self.eval(target.value, state, stmt)
            key = dotted_name(target)
            if (
                isinstance(obj, ModuleObj)
                and obj.cls is not None
                and target.attr in obj.cls.setters
            ):
                # `entry.value = v` runs the property's setter
                self._invoke(obj.cls.setters[target.attr], [value], {}, target, state, obj)
            elif isinstance(obj, ModuleObj):
                if target.attr == "inplace" and obj.cls is None and obj.kind in api.LAYERS:
                    # `m.inplace = True` on a built layer (set in a loop over `modules()`)
                    obj.inplace = (
                        Tri.of(value.value)
                        if isinstance(value, ConstVal) and isinstance(value.value, bool)
                        else Tri.MAYBE
                    )
                    written = stmt.value if isinstance(stmt, ast.Assign) else target
                    obj.inplace_span = self.src.span(written)
                    self._touch(obj)
                self.set_attr(obj, target.attr, value, state)
            elif key:
                state.env[key] = value
            if target.attr == "grad":  # `p.grad = g`: a step moves it again
                state.grads_none = (
                    state.grads_none - obj.sids if isinstance(obj, TensorVal) else frozenset()
                )
            if isinstance(obj, TensorVal) and target.attr == "data":
                self.det.on_data_assign(obj, target, stmt, state)
                if (
                    isinstance(value, TensorVal)
                    and value.inference != obj.inference
                    and len(obj.sids) == 1  # one known tensor, not any of several
                ):
                    self._set_inference(obj.sids, value.inference, state)
            elif isinstance(obj, TensorVal) and target.attr == "requires_grad":
                flag = (
                    Tri.of(value.value)
                    if isinstance(value, ConstVal) and isinstance(value.value, bool)
                    else Tri.MAYBE
                )
                self._set_requires_grad(obj.sids, flag, state)
        elif isinstance(target, ast.Subscript):
            base = self.eval(target.value, state, stmt)
            slot = self.eval(target.slice, state, stmt)
            if isinstance(base, DictVal) and isinstance(target.value, ast.Name):
                self._dict_setitem(target.value.id, base, constant_key(slot), value, state)
            elif isinstance(base, MapVal) and isinstance(target.value, (ast.Name, ast.Attribute)):
                # one entry replaced or added, which we do not know: any value is one of both
                self._rebind_expr(target.value, any_entry([value, base.value]), state)
            elif isinstance(base, ModuleObj) and base.kind in _KEYED_CONTAINERS:
                self._container_setitem(base, slot, value, state)
            elif isinstance(base, (ListObj, TupleVal, SeqVal)):
                self._sequence_setitem(target.value, base, slot, value, state)
            elif isinstance(base, TensorVal):
                others = [value] if isinstance(value, TensorVal) else []
                index = self.eval_quiet(target.slice, state)
                view = self.subscript_view(base, target, state, index, write=True)
                mut = self.mutation(
                    target,
                    stmt,
                    "setitem",
                    f"`{self.src.text(target)} = ...`",
                    "copy_",
                    certain=write_lands_surely(view),
                )
                root = self._index_root(target.value, state)
                if root is None:
                    mut = replace(mut, element=True)  # `parts[i][:, 0] = v`: not one tensor's
                new = self.inplace(view, others, mut, state, row=None)
                if isinstance(target.value, (ast.Name, ast.Attribute)):
                    self._rebind_expr(target.value, _merge_into(base, new), state)
                elif root is not None:
                    self._rebind_expr(root[0], _merge_into(root[1], new), state)
            elif isinstance(base, NumpyVal):
                mut = self.mutation(
                    target,
                    stmt,
                    "setitem",
                    f"`{self.src.text(target)} = ...`",
                    "setitem",
                    certain=True,
                )
                self.det.on_data_write(base.data_of, mut, state)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, value, state, stmt)

    def _sequence_setitem(
        self,
        expr: ast.expr,
        base: ListObj | TupleVal | SeqVal,
        slot: Value,
        value: Value,
        state: State,
    ) -> None:
        """`h_t[layer] = cell(x, h_t[layer])` on a list of states: the element at a known
        index is replaced; at an index we cannot fold, any element may now be the new value
        (so the next read of `h_t[k]` sees the cell's output, with its graph)."""
        index = slot.value if isinstance(slot, ConstVal) and isinstance(slot.value, int) else None
        if isinstance(base, ListObj):
            if base.ordered and index is not None and -len(base.items) <= index < len(base.items):
                base.items[index] = value
                base.elem = join_all(base.items)
            else:
                base.elem = value if base.elem is None else join_values(base.elem, value)
                base.items = [join_values(item, value) for item in base.items]
            self._touch(base)
            return
        if not isinstance(expr, (ast.Name, ast.Attribute)):
            return
        new: Value
        if isinstance(base, TupleVal):
            items = list(base.items)
            if index is not None and -len(items) <= index < len(items):
                items[index] = value
            else:
                items = [join_values(item, value) for item in items]
            new = TupleVal(tuple(items))
        else:
            new = SeqVal(join_values(base.elem, value))
        self._rebind_expr(expr, new, state)

    def _extend_by_augassign(
        self, stmt: ast.AugAssign, lst: ListObj | TupleVal, state: State
    ) -> None:
        """`layers += [nn.Linear(a, b), nn.ReLU(True)]`: the list holds the new items too (as
        `layers.extend(...)`); a list literal grows into a tracked list."""
        value = self.drained(self.eval(stmt.value, state, stmt), stmt.value, state)
        if isinstance(lst, TupleVal):
            grown = ListObj()
            for item in lst.items:
                grown.add(item)
            if isinstance(stmt.target, (ast.Name, ast.Attribute)):
                self._rebind_expr(stmt.target, grown, state)
            lst = grown
        self._touch(lst)
        if isinstance(value, TupleVal):
            for item in value.items:
                lst.add(item)
        else:
            lst.add(self.element_of(value, stmt.value, state))

    def _index_root(self, expr: ast.expr, state: State) -> tuple[ast.expr, TensorVal] | None:
        """The tensor a chain of indexes starts from (`T` in `T[b][t]`, which picks up a
        write's grad history as a write through `T[b]` does), with the expression naming it;
        None where the chain starts from anything else (a list of tensors)."""
        while isinstance(expr, ast.Subscript):
            expr = expr.value
        if isinstance(expr, (ast.Name, ast.Attribute)):
            root = self.eval_quiet(expr, state)
            if isinstance(root, TensorVal):
                return expr, root
        return None

    def _dict_setitem(
        self, name: str, base: DictVal, key: Value, value: Value, state: State
    ) -> None:
        """`REGISTRY[name] = cls`: the dict, held by value, is rebound where the name lives
        (a local, the enclosing function's, the module's globals)."""
        closure = self.frames[-1].closure if self.frames else None
        if isinstance(key, ConstVal) and len(base.items) < MAX_DICT_ITEMS:
            items = tuple((k, v) for k, v in base.items if k != key.value)
            new: Value = DictVal((*items, (key.value, value)))
        elif name in state.env or (closure is not None and name in closure):
            # `modules["conv_{}".format(i)] = block` in a loop: a local dict whose keys we
            # cannot fold holds values like any of those written to it
            new = any_entry([value, *(v for _, v in base.items)])
        else:
            new = UNKNOWN  # an unknown key (any entry may now be anything), or a whole zoo
        if name in state.env:
            state.env[name] = new
        elif closure is not None and name in closure:
            closure[name] = new
        elif self.frames and name in self.frames[-1].globals:
            globals_ = self.frames[-1].globals
            globals_[name] = new
            # a registration: replayed when the kept module that made it is reused
            self.registrations.append(
                (globals_, name, key.value if isinstance(key, ConstVal) else UNKNOWN, value)
            )
            if self.recorder is not None:
                self.recorder.impure = True  # a module-level dict changed
            module_cache().rebound(globals_)  # a kept module's registry: undone on reuse

    def set_attr(self, obj: ModuleObj, name: str, value: Value, state: State) -> None:
        state.own_heap()[(obj, name)] = value
        self.attr_writes.append(obj.serial)
        self._touch(obj)
        old = obj.attrs.get(name)
        obj.attrs[name] = value if old is None else _join_attr(old, value)
        self._index_tensor(obj, name, value)

    def _container_setitem(
        self, container: ModuleObj, key: Value, value: Value, state: State
    ) -> None:
        """`self.convs["up0"] = nn.Conv2d(...)` registers the layer as `add_module` does: the
        key reaches it and `parameters()` has its weights (an optimizer given them updates only
        those). A list's item at a known index is replaced; a layer under a key not known still
        counts among the container's parameters."""
        if not isinstance(value, ModuleObj):
            return
        self._touch(container)
        index = key.value if isinstance(key, ConstVal) else None
        if container.kind == "torch.nn.ModuleList":
            if isinstance(index, int) and -len(container.children) <= index < len(
                container.children
            ):
                container.children[index] = value
            else:
                container.children.append(value)  # which item it replaced is not known
            return
        replaced = container.attrs.get(index) if isinstance(index, str) else None
        if isinstance(index, str):
            self.set_attr(container, index, value, state)
        if isinstance(replaced, ModuleObj) and replaced in container.children:
            container.children[container.children.index(replaced)] = value  # the key's place
        else:
            container.children.append(value)  # iterated in the order the keys were added

    def _index_tensor(self, obj: ModuleObj, name: str, value: Value) -> None:
        if isinstance(value, TensorVal):
            for sid in value.sids:
                self.tensor_homes.setdefault(sid, set()).add((obj, name))

    def get_attr(self, obj: ModuleObj, name: str, state: State) -> Value | None:
        found = state.heap.get((obj, name))
        return found if found is not None else obj.attrs.get(name)

    def _set_requires_grad(self, sids: frozenset[Sid], flag: Tri, state: State) -> None:
        """`p.requires_grad = False`: every binding of that tensor, module slots included."""

        def update(v: Value) -> Value:
            if isinstance(v, TensorVal) and v.sids & sids and not v.deps:
                # a tensor without autograd history is a leaf: `w.requires_grad = True` on
                # `torch.FloatTensor(n)` makes it a leaf that requires grad
                leaf = v.leaf_rg != Tri.NO or v.param or v.rg == Tri.NO
                return v.with_(rg=flag, leaf_rg=flag if leaf else Tri.NO)
            return v

        self._update_tensor_everywhere(sids, update, state)

    def _set_inference(self, sids: frozenset[Sid], inference: bool, state: State) -> None:
        """`param.data = t` with `t` an inference tensor (made under inference_mode), or the
        other way round: the parameter's data is now that tensor, in every binding of it."""

        def update(v: Value) -> Value:
            if isinstance(v, TensorVal) and v.sids & sids and v.inference != inference:
                return v.with_(inference=inference)
            return v

        self._update_tensor_everywhere(sids, update, state)

    def _update_tensor_everywhere(
        self, sids: frozenset[Sid], update: Callable[[Value], Value], state: State
    ) -> None:
        """Replace each binding of the tensors `sids` by `update` of it: names of every frame
        and the module slots that hold them."""
        for scope in (state.env, *(f.globals for f in self.frames)):
            for name, v in list(scope.items()):
                new = update(v)
                if new is not v:
                    scope[name] = new
                    if scope is not state.env and self.recorder is not None:
                        self.recorder.impure = True  # a module-level name changed
        for sid in sids:
            for obj, name in self.tensor_homes.get(sid, ()):
                if name in obj.attrs:
                    self._touch(obj)
                    self.attr_writes.append(obj.serial)
                    obj.attrs[name] = update(obj.attrs[name])
                if (obj, name) in state.heap:
                    state.own_heap()[(obj, name)] = update(state.heap[(obj, name)])

    def _rebind_expr(self, expr: ast.expr, value: Value, state: State) -> None:
        if isinstance(expr, ast.Name):
            state.env[expr.id] = value
        elif isinstance(expr, ast.Attribute):
            obj = self.eval_quiet(expr.value, state)
            if isinstance(obj, ModuleObj):
                self.set_attr(obj, expr.attr, value, state)
                return
            key = dotted_name(expr)
            if key:
                state.env[key] = value

    def unpack(self, value: Value, n: int, node: ast.AST, state: State) -> list[Value]:
        if isinstance(value, TupleVal):
            items = list(value.items)
            return items + [UNKNOWN] * (n - len(items))
        if isinstance(value, SeqVal):
            return [value.elem] * n
        if isinstance(value, ListObj) and value.ordered and len(value.items) == n < value.MAX_ITEMS:
            return list(value.items)  # `det, da_seg, ll_seg = model(img)` of a list built in order
        if isinstance(value, ListObj):
            return [value.elem if value.elem is not None else UNKNOWN] * n
        if isinstance(value, ModuleObj) and len(value.children) == n and not value.repeated:
            return list(value.children)  # `attn, ff = layer_pair` over a ModuleList
        if isinstance(value, TensorVal) and not _assumed(value):
            return [self.multi_view(value, "Unbind", node, state) for _ in range(n)]
        return [UNKNOWN] * n

    def exec_augassign(self, stmt: ast.AugAssign, state: State) -> None:
        in_container = False
        target_val = (
            self.eval_quiet(stmt.target, state)
            if not isinstance(stmt.target, ast.Subscript)
            else None
        )
        if (
            target_val is UNKNOWN
            and isinstance(stmt.target, ast.Attribute)
            and self._jedi_worth_it(stmt.target, state)
        ):
            target_val = self._jedi_value(stmt.target)
        if isinstance(stmt.op, ast.Add) and isinstance(target_val, (ListObj, TupleVal)):
            self._extend_by_augassign(stmt, target_val, state)  # `layers += block(n, m)`
            return
        if isinstance(stmt.target, ast.Subscript):
            base = self.eval(stmt.target.value, state, stmt)
            self.eval(stmt.target.slice, state, stmt)
            if isinstance(base, TensorVal):
                target_val = self.subscript_view(
                    base, stmt.target, state, self.eval_quiet(stmt.target.slice, state), write=True
                )
            elif isinstance(base, NumpyVal):
                value = self.eval(stmt.value, state, stmt)
                mut = self.mutation(
                    stmt, stmt, "augassign", f"`{self.src.text(stmt)}`", "iadd", True
                )
                self.det.on_data_write(base.data_of, mut, state)
                return
            elif isinstance(base, (SeqVal, TupleVal, ListObj, DictVal)):
                # `laterals[i - 1] += up`: the element's own `__iadd__`, in place (an index we
                # cannot fold stands for any element)
                index = self.eval_quiet(stmt.target.slice, state)
                element = self.eval_subscript(
                    base if not isinstance(base, ListObj) else _list_view(base),
                    index,
                    stmt.target,
                    state,
                )
                if isinstance(element, TensorVal):
                    target_val = element
                    in_container = True
        value = self.eval(stmt.value, state, stmt)
        if isinstance(target_val, NumpyVal):
            mut = self.mutation(stmt, stmt, "augassign", f"`{self.src.text(stmt)}`", "iadd", True)
            self.det.on_data_write(target_val.data_of, mut, state)
            return
        if not isinstance(target_val, TensorVal):
            if isinstance(value, TensorVal):
                op = api.BINOP_METHODS.get(type(stmt.op).__name__)
                result = self.apply_op(
                    self.table.row(op) if op else None,
                    {"0": target_val or UNKNOWN, "1": value},
                    stmt,
                    stmt,
                    state,
                    op or "binop",
                )
                self.bind(stmt.target, result, state, stmt) if not isinstance(
                    stmt.target, ast.Subscript
                ) else None
            elif isinstance(stmt.target, ast.Name) and not isinstance(target_val, ModuleObj):
                # `step += 1`, `half &= device.type != "cpu"`: the number it now holds, where
                # both sides are known (else not known: never the old value)
                self.bind(stmt.target, _fold_augmented(stmt.op, target_val, value), state, stmt)
            return
        op = api.BINOP_METHODS.get(type(stmt.op).__name__, "add")
        row = self.table.row(op)
        mut = self.mutation(
            stmt,
            stmt,
            "augassign",
            f"`{self.src.text(stmt)}`",
            f"{op}_",
            certain=write_lands_surely(target_val),
        )
        if in_container:
            mut = replace(mut, element=True)
        new = self.inplace(target_val, [value], mut, state, row=row, node=stmt)
        if isinstance(stmt.target, ast.Subscript):
            base_expr = stmt.target.value
            base = self.eval_quiet(base_expr, state)
            if isinstance(base, TensorVal) and isinstance(base_expr, (ast.Name, ast.Attribute)):
                self._rebind_expr(base_expr, _merge_into(base, new), state)
            elif isinstance(base, TensorVal):
                root = self._index_root(base_expr, state)
                if root is not None:
                    self._rebind_expr(root[0], _merge_into(root[1], new), state)
        else:
            self._rebind_expr(stmt.target, new, state)

    def _grad_decorator(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> CtxVal | None:
        for dec in node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            q = self.imports.qualify(target)
            if q in api.GRAD_CONTEXTS:
                kind = api.GRAD_CONTEXTS[q]
                flag = Tri.YES
                if kind in ("set_grad", "inference") and isinstance(dec, ast.Call) and dec.args:
                    a = dec.args[0]
                    flag = (
                        Tri.of(a.value)
                        if isinstance(a, ast.Constant) and isinstance(a.value, bool)
                        else Tri.MAYBE
                    )
                return CtxVal(kind, flag)
        return None


def _none_test(test: ast.expr) -> tuple[str, bool] | None:
    """`x is None` -> ("x", True), `x is not None` -> ("x", False): the variable a test
    compares with None and whether the test's true branch is where it is None."""
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Name)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
        and isinstance(test.ops[0], (ast.Is, ast.IsNot))
    ):
        return test.left.id, isinstance(test.ops[0], ast.Is)
    return None


def _names_module(item: Value) -> bool:
    """A (name, module) pair of `named_modules()` / `named_children()`, or a (name,
    parameter) pair of `named_parameters()`."""
    return (
        isinstance(item, TupleVal)
        and len(item.items) == 2
        and isinstance(item.items[0], ConstVal)
        and (
            isinstance(item.items[1], ModuleObj)
            or (isinstance(item.items[1], TensorVal) and item.items[1].param)
        )
    )


def _fold_augmented(op: ast.operator, left: Value | None, right: Value) -> Value:
    if left is None or left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    return fold_binop(op, left, right)


def _join_lost_items(lst: ListObj) -> bool:
    """A list whose few items are known one by one, where their join lost what they hold
    (an entry the join only knows as UNKNOWN, but some item knows)."""
    if not lst.ordered or not 0 < len(lst.items) <= 16 or lst.elem is None:
        return False
    elem = lst.elem
    if elem is UNKNOWN:
        return any(item is not UNKNOWN for item in lst.items)
    if isinstance(elem, TupleVal):
        return any(
            part is UNKNOWN
            and any(
                isinstance(item, TupleVal)
                and len(item.items) == len(elem.items)
                and item.items[index] is not UNKNOWN
                for item in lst.items
            )
            for index, part in enumerate(elem.items)
        )
    return False
