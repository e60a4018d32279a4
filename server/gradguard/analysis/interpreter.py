"""The abstract interpreter: walks one module's code in execution order, tracking tensors,
their version counters, what autograd saved, and grad mode; hazards are raised through
`hazards.Detector` (the one place each hazard is recognised).

Scopes: the module body runs first (functions are inlined at their call sites, up to a depth,
with the caller's values); then every function and method is also analysed on its own with
unknown arguments, so code that is never called from this file still gets findings. With an
`AnalysisCache`, those per-function analyses are grouped by top-level statement and replayed
when nothing they depend on changed (incremental.py).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from ..optable.table import OpRow, OpTable, SaveRule
from . import torch_api as api
from .findings import Span
from .frames import Frame
from .hazards import Detector
from .imports import ImportMap
from .incremental import (
    AnalysisCache,
    Layout,
    ModuleFacts,
    UnitRecord,
    UnitRecorder,
    replay,
    unit_deps,
)
from .linking import ModuleLinker
from .module_cache import module_cache
from .modules import ModuleScope, strip_main_guard
from .spans import PATH_ATTR, SourceMap
from .state import Mutation, SaveRecord, SiteRenamer, State, allocate, join_states
from .values import (
    UNKNOWN,
    AutogradCtx,
    BoundMethod,
    ClassVal,
    ConstVal,
    CtxVal,
    DictVal,
    DistVal,
    FuncVal,
    ListObj,
    ModuleNsVal,
    ModuleObj,
    NumpyVal,
    OptimizerVal,
    Origin,
    SeqVal,
    Sid,
    TensorVal,
    TorchFnVal,
    Tri,
    TupleVal,
    Value,
    join_values,
    next_serial,
)

MAX_CALL_DEPTH = 3
# code run from the module body (a script's own training flow) is followed one call deeper:
# that is where a whole model is called; the per-function analyses of library code, the bulk
# of the time on large code bases, keep the shallower limit
MODULE_FLOW_DEPTH = 4
# calls into another module from a function analysed on its own (see _invoke)
FOREIGN_STANDALONE_DEPTH = 1
MAX_LOOP_ROUNDS = 4
STATEMENT_BUDGET = 60_000
MODULE_STATEMENT_BUDGET = 400_000  # the imported modules' top levels, together


class BudgetExceeded(Exception):
    """The file is too big to interpret fully; findings so far are kept."""


class Interpreter:
    def __init__(
        self,
        tree: ast.Module,
        src: SourceMap,
        imports: ImportMap,
        table: OpTable,
        detector: Detector,
    ) -> None:
        self.tree = tree
        self.src = src
        self.imports = imports
        # the module whose code runs now: the checked file, or a project module it imports
        self.main_scope = ModuleScope(None, "", tree, src, imports, loaded=True)
        self.scope = self.main_scope
        self.linker: ModuleLinker | None = None  # follows imports of the project's modules
        self.table = table
        self.det = detector
        self.frames: list[Frame] = []
        self.statements = 0
        self.class_instances: dict[int, ModuleObj] = {}
        self.call_stack: list[tuple[object, ...]] = []
        self.caller_states: list[State] = []  # the states of the inlined calls' callers
        self.jedi: object | None = None
        self.current_stmt: ast.stmt | None = None
        self.module_call: ast.AST | None = None  # outermost call of a torch.nn container
        self.module_call_span: Span | None = None
        self.attr_writes: list[int] = []  # serials of module objects given attributes
        self.module_statements = 0  # statements run by imported modules' top levels
        # `REGISTRY[key] = value` into some module's globals: (that dict, name, key, value)
        self.registrations: list[tuple[dict[str, Value], str, object, Value]] = []
        # per custom Function.apply being run: what its forward gave ctx.save_for_backward
        self.function_saves: list[list[TensorVal]] = []
        # where each tensor is stored as a module attribute (for `p.requires_grad = False`)
        self.tensor_homes: dict[Sid, set[tuple[ModuleObj, str]]] = {}
        # incremental analysis (None: analyse everything)
        self.cache: AnalysisCache | None = None
        self.facts: ModuleFacts | None = None
        self.recorder: UnitRecorder | None = None
        self._module_entered: set[int] | None = None

    # ------------------------------------------------------------------ entry points

    def run(self) -> None:
        facts = None
        if self.cache is not None:
            facts = ModuleFacts.scan(self.tree, Layout(self.tree.body, self.src.lines))
            if facts.has_global:
                facts = None  # functions may rebind module names: no unit stands alone
        self.facts = facts
        state = State()
        self.main_scope.env = state.env  # type: ignore[assignment]
        frame = Frame(globals=state.env)
        self.frames.append(frame)
        if facts is None:
            state = self.exec_block(self.tree.body, state)
        else:
            for index, stmt in enumerate(self.tree.body):
                self._module_entered = facts.entered.setdefault(index, set())
                state = self.exec_block([stmt], state)
            self._module_entered = None
        module_env = state.env
        self.main_scope.env = module_env  # type: ignore[assignment]
        self.frames.pop()
        if self.cache is not None and self.linker is not None:
            self.cache.depend_on_modules(self.linker.fingerprint())
        for index, stmt in enumerate(self.tree.body):
            functions = list(_all_functions_in([stmt]))
            if functions:
                self._analyse_unit(index, functions, module_env)
        if self.cache is not None and facts is not None:
            self.cache.keep_only(facts.layout)

    def _analyse_unit(
        self,
        index: int,
        functions: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef | None]],
        module_env: dict[str, Value],
    ) -> None:
        """Analyse the functions of one top-level statement on their own (or replay them)."""
        cache, facts = self.cache, self.facts
        recorder = None
        if cache is not None and facts is not None:
            record = cache.lookup(facts.layout, index)
            if record is not None and replay(record, facts.layout, self.det.emit):
                cache.hits += 1
                self.statements += record.statements
                if self.statements > STATEMENT_BUDGET:
                    raise BudgetExceeded
                return
            cache.misses += 1
            recorder = UnitRecorder(index, next_serial(), self.statements)
            recorder.problems_before = len(self.det.problems)
            self.recorder = recorder
            self.det.tape = recorder.emits
        try:
            for func, owner in functions:
                if func.name == "__init__" and owner is not None:
                    cls = module_env.get(owner.name)
                    if isinstance(cls, ClassVal) and cls.is_module:
                        self.standalone_instance(cls)  # runs __init__ with unknown arguments
                        continue
                self.analyse_standalone(func, owner, module_env)
        finally:
            self.recorder = None
            self.det.tape = None
        if (
            cache is not None
            and facts is not None
            and recorder is not None
            and not recorder.impure
            and len(self.det.problems) == recorder.problems_before
            and not any(_emit_elsewhere(e) for e in recorder.emits)
        ):
            record = UnitRecord(
                facts.layout,
                unit_deps(recorder, facts),
                tuple(recorder.emits),
                self.statements - recorder.statements_before,
            )
            cache.store(facts.layout, index, record)

    def _entered(self, node: ast.AST) -> None:
        """A function body runs: the unit (or module statement) depends on its text."""
        if self.facts is None:
            return
        top = self.facts.layout.top_index(getattr(node, "lineno", 0))
        if top is None:
            return
        if self.recorder is not None:
            self.recorder.entered.add(top)
        elif self._module_entered is not None:
            self._module_entered.add(top)

    def _touch(self, obj: object) -> None:
        """An object is changed in place: if it existed before this unit, the unit is impure;
        if a kept module made it, no kept module can be trusted any more."""
        serial = getattr(obj, "serial", None)
        if serial is not None and self.linker is not None:
            cache = module_cache()
            if cache.made_by_kept(serial):
                cache.clear()
        recorder = self.recorder
        if recorder is not None and getattr(obj, "serial", recorder.first_serial) < (
            recorder.first_serial
        ):
            recorder.impure = True

    def run_module(self, scope: ModuleScope, state: State) -> None:
        """An imported project module's top level (without its `__main__` block), run once,
        in the importer's flow: what it saves and the objects it makes are shared."""
        assert scope.tree is not None
        if self.recorder is not None:
            self.recorder.impure = True  # a module read inside one unit: not replayable
        module_state = State(
            env={},
            saves=state.saves,
            heap=state.heap,
            heap_owned=state.heap_owned,
            grad=state.grad,
            inference_mode=state.inference_mode,
            multi_dirty=state.multi_dirty,
            allocated=state.allocated,
        )
        scope.env = module_state.env  # type: ignore[assignment]
        self.register_source(scope)
        frame = Frame(globals=module_state.env)
        # an imported module's top level does not use up the checked file's statement budget
        # (a script importing a large package would lose its own code); it has its own
        counted_before = self.statements
        saved_stack, saved_callers = self.call_stack, self.caller_states
        self.call_stack, self.caller_states = [], []
        self.frames.append(frame)
        try:
            with self.in_scope(scope):
                prev_class, self._current_class = self._current_class, None
                try:
                    out = self.exec_block(strip_main_guard(scope.tree.body), module_state)
                finally:
                    self._current_class = prev_class
        finally:
            self.frames.pop()
            self.call_stack, self.caller_states = saved_stack, saved_callers
            self.module_statements += self.statements - counted_before
            self.statements = counted_before
            if self.module_statements > MODULE_STATEMENT_BUDGET:
                raise BudgetExceeded
        scope.env = out.env  # type: ignore[assignment]
        scope.loaded = True
        state.allocated |= out.allocated
        state.saves = out.saves
        state.multi_dirty = out.multi_dirty
        state.heap = out.heap
        state.heap_owned = out.heap_owned

    def register_source(self, scope: ModuleScope) -> None:
        """Findings, related locations and fixes in `scope`'s file use its text."""
        self.det.sources[scope.path] = scope.src
        torch_bound = "torch" in scope.imports.names.values()  # `import torch [as t]`
        self.det.fixes.add_source(scope.src, scope.imports.torch_alias() if torch_bound else None)

    def effects(self, state: State) -> tuple[object, ...]:
        """What running a module's top level may change besides its own namespace: compared
        before and after, equal means the module can be kept for later analyses."""
        return (
            frozenset(state.saves),
            len(state.allocated),
            len(state.multi_dirty),
            state.grad,
            state.inference_mode,
            len(self.det._reports),
            len(self.det.problems),
        )

    @contextmanager
    def in_scope(self, scope: ModuleScope) -> Iterator[None]:
        """Run code of `scope`'s module: its names, imports and positions."""
        if scope is self.scope:
            yield
            return
        prev = self.scope
        self.scope, self.src, self.imports, self.det.src = (
            scope,
            scope.src,
            scope.imports,
            scope.src,
        )
        try:
            yield
        finally:
            self.scope, self.src, self.imports, self.det.src = (
                prev,
                prev.src,
                prev.imports,
                prev.src,
            )

    def analyse_standalone(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        owner: ast.ClassDef | None,
        module_env: dict[str, Value],
    ) -> None:
        owner_val = module_env.get(owner.name) if owner is not None else None
        cls = owner_val if isinstance(owner_val, ClassVal) else None
        if owner is not None and cls is None:
            cls = ClassVal(owner, is_module=self._is_module_class(owner, module_env))
        fval = FuncVal(node, owner=cls, grad_decorator=self._grad_decorator(node))
        state = State()
        frame = Frame(globals=module_env, func=fval, standalone=True)
        self.frames.append(frame)
        try:
            self._bind_params(fval, state, args=None, kwargs=None, self_obj=None)
            state = self._run_body(fval, state)
            self.det.on_function_exit(state, frame)
        except BudgetExceeded:
            raise
        finally:
            self.frames.pop()

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    # ------------------------------------------------------------------ statements

    def exec_block(self, stmts: list[ast.stmt], state: State) -> State:
        for stmt in stmts:
            if not state.alive:
                break
            self.statements += 1
            if self.statements > STATEMENT_BUDGET:
                raise BudgetExceeded
            self.current_stmt = stmt
            try:
                state = self.exec_stmt(stmt, state)
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
            body_out = self.fixpoint(lambda s: self.exec_block(stmt.body, s), state)
            return self.exec_block(stmt.orelse, body_out) if stmt.orelse else body_out
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
            state.env[stmt.name] = FuncVal(
                stmt,
                owner=owner,
                grad_decorator=self._grad_decorator(stmt),
                closure=state.env if self.frames and self.frame.func is not None else None,
                module=self.scope,
            )
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
            outs = [self.exec_block(case.body, state.copy()) for case in stmt.cases]
            result = state
            for out in outs:
                result = join_states(result, out)
            return result
        return state

    _current_class: ClassVal | None = None

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
        for base in cls.bases:  # inherited methods (the first base wins, as in the MRO)
            for table, inherited in (
                (cls.methods, base.methods),
                (cls.getters, base.getters),
                (cls.setters, base.setters),
            ):
                for name, func in inherited.items():
                    table.setdefault(name, func)
        return cls

    def _decorate(self, cls: ClassVal, stmt: ast.ClassDef, state: State) -> Value:
        """Class decorators run, innermost first: a registry decorator (`@register("unet")`)
        records the class where a factory finds it; one that returns something we cannot
        follow leaves the class as it was."""
        value: Value = cls
        for decorator in reversed(stmt.decorator_list):
            func = self.eval(decorator, state, stmt)
            if not isinstance(func, FuncVal):
                continue
            returned = self._invoke(func, [value], {}, decorator, state, None)
            if isinstance(returned, ClassVal):
                value = returned
        return value

    def call_super(self, name: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`super().name(...)` in a method: the base class's method, run on the same object
        (a user base's `__init__` builds layers, its `forward` computes)."""
        func = self.frame.func if self.frames else None
        owner = func.owner if func is not None else None
        method = next(
            (b.methods[name] for b in (owner.bases if owner else ()) if name in b.methods), None
        )
        params = func.node.args.args if func is not None else []
        self_obj = self.lookup(params[0].arg, state) if params else UNKNOWN
        if method is None or not isinstance(self_obj, ModuleObj):
            self._eval_args(node, state, stmt)
            return UNKNOWN
        return self.call_function(method, node, state, stmt, self_obj=self_obj)

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
        then = self.exec_block(stmt.body, state.copy())
        other = self.exec_block(stmt.orelse, state.copy())
        return join_states(then, other)

    def exec_for(self, stmt: ast.For | ast.AsyncFor, state: State) -> State:
        iterable = self.eval(stmt.iter, state, stmt)
        unrolled: list[Value] | None = None
        if isinstance(iterable, ModuleObj) and iterable.children and len(iterable.children) <= 32:
            unrolled = list(iterable.children)  # each layer is known
        elif isinstance(iterable, TupleVal) and 0 < len(iterable.items) <= 16:
            unrolled = list(iterable.items)  # `for f in (a, b):` each element is known
        elif (
            isinstance(iterable, TupleVal)
            and len(iterable.items) <= 64
            and all(isinstance(i, ModuleObj) for i in iterable.items)
        ):
            unrolled = list(iterable.items)  # `for m in self.modules():` each module is known
        if unrolled is not None:
            for index, child in enumerate(unrolled):
                if not state.alive:
                    break
                # each unrolled pass allocates apart (layer 2 must not age layer 1's saves)
                self.call_stack.append(("for", stmt.lineno, stmt.col_offset, index))
                try:
                    self.bind(stmt.target, child, state, stmt)
                    state = self.exec_block(stmt.body, state)
                finally:
                    self.call_stack.pop()
            return self.exec_block(stmt.orelse, state) if stmt.orelse else state
        elem = self.element_of(iterable, stmt.iter, state)

        def body(s: State) -> State:
            self.bind(stmt.target, elem, s, stmt)
            return self.exec_block(stmt.body, s)

        out = self.fixpoint(body, state)
        return self.exec_block(stmt.orelse, out) if stmt.orelse else out

    def fixpoint(self, body: Callable[[State], State], state: State) -> State:
        """Run a loop body until the state at its head stops changing (joined with 0 runs)."""
        head = state
        for _ in range(MAX_LOOP_ROUNDS):
            out = body(head.copy())
            out.alive = True
            nxt = join_states(head, out)
            if nxt.same_as(head):
                return nxt
            head = nxt
        return head

    def exec_with(self, stmt: ast.With | ast.AsyncWith, state: State) -> State:
        saved = (state.grad, state.inference_mode, state.allow_mutation, state.hooks)
        for item in stmt.items:
            ctx = self.eval(item.context_expr, state, stmt)
            if isinstance(ctx, CtxVal):
                _enter(ctx, state)
            if item.optional_vars is not None:
                self.bind(item.optional_vars, UNKNOWN, state, stmt)
        state = self.exec_block(stmt.body, state)
        state.grad, state.inference_mode, state.allow_mutation, state.hooks = saved
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

    # ------------------------------------------------------------------ binding

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
            key = _dotted(target)
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
            if isinstance(obj, TensorVal) and target.attr == "data":
                self.det.on_data_assign(obj, target, stmt, state)
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
                self._dict_setitem(target.value.id, base, slot, value, state)
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
                    certain=not view.may_alias,
                )
                new = self.inplace(view, others, mut, state, row=None)
                if isinstance(target.value, (ast.Name, ast.Attribute)):
                    self._rebind_expr(target.value, _merge_into(base, new), state)
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

    def _dict_setitem(
        self, name: str, base: DictVal, key: Value, value: Value, state: State
    ) -> None:
        """`REGISTRY[name] = cls`: the dict, held by value, is rebound where the name lives
        (a local, the enclosing function's, the module's globals)."""
        if isinstance(key, ConstVal):
            items = tuple((k, v) for k, v in base.items if k != key.value)
            new: Value = DictVal((*items, (key.value, value)))
        else:
            new = UNKNOWN  # an unknown key: any entry may now be anything
        closure = self.frames[-1].closure if self.frames else None
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
                return v.with_(rg=flag, leaf_rg=flag if v.leaf_rg != Tri.NO or v.param else Tri.NO)
            return v

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
            key = _dotted(expr)
            if key:
                state.env[key] = value

    def unpack(self, value: Value, n: int, node: ast.AST, state: State) -> list[Value]:
        if isinstance(value, TupleVal):
            items = list(value.items)
            return items + [UNKNOWN] * (n - len(items))
        if isinstance(value, SeqVal):
            return [value.elem] * n
        if isinstance(value, ListObj):
            return [value.elem if value.elem is not None else UNKNOWN] * n
        if isinstance(value, ModuleObj) and len(value.children) == n and not value.repeated:
            return list(value.children)  # `attn, ff = layer_pair` over a ModuleList
        if isinstance(value, TensorVal) and not _assumed(value):
            return [self.multi_view(value, "Unbind", node, state) for _ in range(n)]
        return [UNKNOWN] * n

    def element_of(self, iterable: Value, node: ast.expr, state: State) -> Value:
        if isinstance(iterable, TensorVal) and not _assumed(iterable):
            return self.multi_view(iterable, "Unbind", node, state)
        if isinstance(iterable, SeqVal):
            return iterable.elem
        if isinstance(iterable, ListObj):
            return iterable.elem if iterable.elem is not None else UNKNOWN
        if isinstance(iterable, TupleVal):
            out: Value | None = None
            for item in iterable.items:
                out = item if out is None else _join_alike(out, item)
            return out if out is not None else UNKNOWN
        if isinstance(iterable, ModuleObj) and iterable.children:
            first = iterable.children[0]
            alike = all(c.kind == first.kind and c.cls is first.cls for c in iterable.children)
            return first if alike else UNKNOWN
        return UNKNOWN

    # ------------------------------------------------------------------ expressions

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
            key = _dotted(node)
            if key and key in state.env:
                return state.env[key]
            obj = self.eval_quiet(node.value, state)
            return self.getattr_(obj, node, state, quiet=True)
        return UNKNOWN

    def _eval_boolop(self, node: ast.BoolOp, state: State, stmt: ast.stmt) -> Value:
        """`a or b`, `a and b` with Python's short-circuit: an operand whose truth is known
        decides (`feature_map or default_map` with `feature_map=None` is `default_map`)."""
        stop_on = isinstance(node.op, ast.Or)  # `or` stops at a true operand, `and` at a false
        candidates: list[Value] = []
        for index, expr in enumerate(node.values):
            value = self.eval(expr, state, stmt)
            truth = _truth(value)
            if index == len(node.values) - 1 or truth is stop_on:
                candidates.append(value)
                break
            if truth is None:
                candidates.append(value)  # may be the result; the next ones may be too
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
        if node is None:
            return UNKNOWN
        if isinstance(node, ast.Constant):
            return ConstVal(node.value)
        if isinstance(node, ast.Name):
            found = self.lookup(node.id, state)
            return self._torch_function(node) if found is UNKNOWN else found
        if isinstance(node, ast.Attribute):
            key = _dotted(node)
            if key and key in state.env:
                return state.env[key]
            obj = self.eval(node.value, state, stmt)
            found = self.getattr_(obj, node, state)
            return self._torch_function(node) if found is UNKNOWN else found
        if isinstance(node, ast.Call):
            return self.eval_call(node, state, stmt)
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
            if tensors:
                return self.fresh_tensor(node, Tri.NO, state, deps=frozenset())
            return _fold_compare(node, vals)
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
            state.saves[key] = SaveRecord(
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
        """f"Conv{dim}d" with known parts is a constant (layer names built from config)."""
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and value.format_spec is None:
                inner = self.eval(value.value, state, stmt)
                if not isinstance(inner, ConstVal) or value.conversion != -1:
                    return UNKNOWN
                parts.append(str(inner.value))
            else:
                return UNKNOWN
        return ConstVal("".join(parts))

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
            and (self.table.lookup(qual) is not None or qual in api.LAYERS)
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
        if isinstance(obj, ModuleObj):
            found = self.get_attr(obj, attr, state)
            if found is None:
                found = self._layer_parameter(obj, attr)
            if found is not None:
                return found
            if obj.cls is not None and attr in obj.cls.getters and not quiet:
                return self._invoke(obj.cls.getters[attr], [], {}, node, state, obj)
            if obj.cls is not None and attr in obj.cls.methods:
                return BoundMethod(obj, attr)
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
        if isinstance(obj, (OptimizerVal, NumpyVal)):
            return BoundMethod(obj, attr)
        if isinstance(obj, ClassVal) and attr in obj.methods:
            return obj.methods[attr]
        if isinstance(obj, ModuleNsVal) and self.linker is not None:
            return self.linker.attribute(obj, attr, state)
        return UNKNOWN

    def eval_subscript(self, base: Value, index: Value, node: ast.Subscript, state: State) -> Value:
        if isinstance(base, TensorVal):
            return self.subscript_view(base, node, state, index)
        if isinstance(base, DictVal) and isinstance(index, ConstVal):
            found = base.get(index.value)
            return found if found is not None else UNKNOWN
        if (
            isinstance(base, TupleVal)
            and isinstance(index, ConstVal)
            and isinstance(index.value, int)
        ):
            try:
                return base.items[index.value]
            except IndexError:
                return UNKNOWN
        if isinstance(base, TupleVal):
            return self.element_of(base, node, state)
        if isinstance(base, SeqVal):
            return base if isinstance(node.slice, ast.Slice) else base.elem
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
            return self.fresh_tensor(node, rg, state, deps=base.deps, origin_op="index")
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
            return UNKNOWN
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

    # ------------------------------------------------------------------ calls

    def eval_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        func = node.func
        qual = self.imports.qualify(func)
        if qual is not None and self._is_torch_or_known(qual):
            return self.call_qualified(qual, node, state, stmt)
        if qual == "copy.deepcopy" or qual == "copy.copy":
            args, _ = self._eval_args(node, state, stmt)
            return self.deepcopy(args[0], node, state) if args else UNKNOWN
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
            if func.attr in ("append", "extend", "insert") and isinstance(
                receiver, (ListObj, TupleVal)
            ):
                return self._list_add(receiver, func, node, state, stmt)
            if isinstance(receiver, TensorVal):
                return self.call_tensor_method(receiver, func.attr, node, state, stmt)
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
            if isinstance(callee, BoundMethod):
                return self.call_bound(callee, node, state, stmt)
            if isinstance(callee, FuncVal):
                return self.call_function(callee, node, state, stmt, self_obj=None)
            if isinstance(callee, ModuleObj):
                return self.call_module(callee, node, state, stmt)
            if isinstance(callee, ClassVal):
                return self.construct(callee, node, state, stmt)
            if isinstance(callee, TorchFnVal):  # `self.act = F.relu` ... `self.act(x)`
                return self.call_qualified(callee.qual, node, state, stmt)
            if isinstance(callee, TensorVal):
                self._eval_args(node, state, stmt)
                return UNKNOWN
            self._eval_args(node, state, stmt)  # their effects count; the result is unknown
            return UNKNOWN
        callee = self.eval(func, state, stmt)
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
        args, _ = self._eval_args(node, state, stmt)
        name = func.id if isinstance(func, ast.Name) else ""
        if name in ("list", "tuple", "iter", "reversed", "sorted") and args:
            return SeqVal(self.element_of(args[0], node, state))
        if name in ("zip",) and args:
            return SeqVal(TupleVal(tuple(self.element_of(a, node, state) for a in args)))
        if name == "map" and len(args) == 2 and isinstance(args[0], (FuncVal, TorchFnVal)):
            return self._map(args[0], args[1], node, state)
        if name == "getattr" and len(args) >= 2 and isinstance(args[1], ConstVal):
            return self.getattr_by_name(node.args[0], args[0], str(args[1].value), state)
        if name == "getattr" and len(args) >= 2 and isinstance(args[0], ModuleObj):
            prefix = _literal_prefix(node.args[1])  # `getattr(self.rnn, f"bias_hh_l{i}")`
            found = self._layer_parameter(args[0], prefix) if prefix else None
            return found if found is not None else UNKNOWN
        if name == "dict" and args:
            pair = self.element_of(args[0], node, state)
            return (
                SeqVal(pair.items[1])
                if isinstance(pair, TupleVal) and len(pair.items) == 2
                else UNKNOWN
            )
        if name == "enumerate" and args:
            known = _known_items(args[0])
            if known is not None:  # `for i, conv in enumerate(self.convs):` unrolled
                return TupleVal(tuple(TupleVal((ConstVal(i), v)) for i, v in enumerate(known)))
            return SeqVal(TupleVal((UNKNOWN, self.element_of(args[0], node, state))))
        if name == "isinstance" and len(args) == 2 and len(node.args) == 2:
            return self._isinstance(args[0], node.args[1], state)
        if name in ("range", "len", "print", "isinstance", "int", "float", "str", "bool"):
            return UNKNOWN
        return UNKNOWN

    def _isinstance(self, obj: Value, classes: ast.expr, state: State) -> Value:
        """`isinstance(m, nn.Linear)` on a module object of known class (how init functions
        passed to `model.apply` pick the layers they touch)."""
        if not isinstance(obj, ModuleObj):
            return UNKNOWN
        options = classes.elts if isinstance(classes, ast.Tuple) else [classes]
        for option in options:
            qual = self.imports.qualify(option)
            if qual == "torch.nn.Module":
                return ConstVal(True)
            if qual is not None and qual.startswith("torch.nn."):
                if obj.kind == qual:
                    return ConstVal(True)
                if obj.cls is None and obj.kind.startswith("torch.nn."):
                    continue  # another torch layer: a subclass only if it is in our table
                return UNKNOWN
            cls = self.eval_quiet(option, state)
            if not isinstance(cls, ClassVal):
                return UNKNOWN
            if obj.cls is not None and cls in _class_and_bases(obj.cls):
                return ConstVal(True)
        return ConstVal(False)

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
            else:
                lst.add(value)
        return ConstVal(None)

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
            )
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
        inner = self.eval(node.value, state, stmt)
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
                    args.append(expanded)
                else:
                    args.extend(expanded)
            else:
                args.append(self.eval(arg, state, stmt))
        kwargs: dict[str, Value] = {}
        for kw in node.keywords:
            value = self.eval(kw.value, state, stmt)
            if kw.arg is not None:
                kwargs[kw.arg] = value
        if (
            len(node.args) > 1
            and not all(_is_name_like(a) for a in node.args)
            and len(args) == len(node.args)
        ):
            # a later argument may have re-run an allocation site that aged an earlier one
            args = [self._relookup(a, v, state) for a, v in zip(node.args, args, strict=True)]
        return args, kwargs

    def call_qualified(self, qual: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
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
                    self.det.on_backward(root, node, stmt, state)
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
            return DistVal(rg if state.grad != Tri.NO else Tri.NO, deps)
        if api.is_optimizer(qual):
            args, kwargs = self._eval_args(node, state, stmt)
            params = args[0] if args else kwargs.get("params", UNKNOWN)
            return OptimizerVal(_param_sids(params), self.src.span(node))
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
        if qual in api.RETURNS_ITS_MODULE:
            args, _ = self._eval_args(node, state, stmt)
            return args[0] if args and isinstance(args[0], ModuleObj) else UNKNOWN
        if qual.startswith("torch.nn.utils.") or qual.startswith("torch.utils."):
            self._eval_args(node, state, stmt)
            return UNKNOWN
        row = self.table.lookup(qual)
        args, kwargs = self._eval_args(node, state, stmt)
        op_args = _op_args(args, kwargs)
        name = qual.split(".")[-1]
        inplace_kw = kwargs.get("inplace")
        if name.endswith("_") and not name.endswith("__") and op_args.get("0") is not None:
            return self.call_inplace(op_args, row, name, node, stmt, state, kind="method")
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
                return new
            if method == "detach_":
                new = receiver.with_(rg=Tri.NO, leaf_rg=Tri.NO, deps=frozenset())
                self._rebind_receiver(node, new, state, skip_first)
                return new
            return receiver
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
        if method in api.COPYING_CONVERSIONS or (
            method in api.CONTIGUITY_DEPENDENT and receiver.noncontig
        ):
            return self.fresh_tensor(
                node,
                receiver.rg if state.grad != Tri.NO else Tri.NO,
                state,
                deps=receiver.deps,
                origin_op=method,
            )
        if method in api.MAYBE_SELF:
            # a reshape of a view copies when the view is not contiguous: unsure
            unsure = method in api.UNSURE_SELF or (
                receiver.is_view and method in api.CONTIGUITY_DEPENDENT
            )
            return receiver.with_(may_alias=unsure)
        if method in api.VIEW_METHODS:
            return self.view_of(receiver, node, state, method)
        row = self.table.lookup(f"Tensor.{method}")
        if row is not None and row.multi_view:
            return SeqVal(self.multi_view(receiver, method.capitalize(), node, state))
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
            node, stmt, kind, f"`{self.src.text(node)}`", name, certain=not target.may_alias
        )
        new = self.inplace(target, others, mut, state, row=row, node=node)
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
    ) -> TensorVal:
        """One in-place write to `target`: check it, bump its counter, return its new value."""
        tensors = [o for o in others if isinstance(o, TensorVal)]
        if self.frames and target.sids & self.frames[-1].arg_sids:
            mut = replace(mut, caller_visible=True)
        if state.grad != Tri.YES or state.inference_mode or target.param:
            mut = replace(
                mut,
                grad_off=state.grad != Tri.YES or state.inference_mode,
                target_param=target.param,
            )
        self.det.on_inplace(target, tensors, mut, state)
        other_rg = Tri.NO
        deps = target.deps
        for o in tensors:
            other_rg = other_rg | o.rg
            deps = deps | o.deps
        grad_on = state.grad != Tri.NO
        rg = target.rg | (other_rg if grad_on else Tri.NO)
        new = target.with_(
            rg=rg,
            deps=deps if rg != Tri.NO else target.deps,
            leaf_rg=target.leaf_rg,
        )
        if (
            row is not None
            and row.inplace_saves is not None
            and grad_on
            and rg != Tri.NO
            and node is not None
        ):
            new = self._record_inplace_saves(row, target, tensors, new, node, mut, state)
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
    ) -> TensorVal:
        rule = row.inplace_saves
        assert rule is not None
        args: dict[str, TensorVal] = {"0": target}
        for i, o in enumerate(others, start=1):
            args[str(i)] = o
        new_keys: set[tuple[object, ...]] = set()
        if rule.output and _trigger(rule.output, args) != Tri.NO:
            key = (*self.site(node), "out")
            state.saves[key] = SaveRecord(
                key,
                target.sids,
                mut.op,
                self.src.span(node),
                "its result",
                certain=_trigger(rule.output, args) == Tri.YES and state.grad == Tri.YES,
                exempt=state.hooks,
                allow_mutation=state.allow_mutation,
                node=node,
            )
            new_keys.add(key)
        return new.with_(
            deps=new.deps | frozenset(new_keys),
            origin=Origin(mut.op.rstrip("_"), self.src.span(node)),
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
                certain=not t.may_alias,
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
            return SeqVal(self.multi_view(tensors["0"], name.capitalize(), node, state))
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
            deps = deps | v.deps
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
        if row is None or rg == Tri.NO:
            return TupleVal((out, indices)) if tuple_result else out
        new_keys: list[tuple[object, ...]] = []
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
                self.det.on_inference_saved(saved, node, stmt, state, name, what, arg_node)
            self._record_save(
                state,
                key,
                saved.sids,
                name,
                node,
                what,
                certain=trig == Tri.YES and grad == Tri.YES,
                arg_node=arg_node if clonable else None,
                param=saved.param,
                clonable=clonable,
            )
            new_keys.append(key)
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
            )
            new_keys.append(key)
        if new_keys:
            out = out.with_(deps=out.deps | frozenset(new_keys))
        return TupleVal((out, indices)) if tuple_result else out

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
    ) -> None:
        """Autograd keeps `sids` for the backward of `op` at `node`, in the state's grad
        contexts (saved-tensor hooks, allow_mutation) and call path."""
        state.saves[key] = SaveRecord(
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
        )

    def _via_span(self) -> Span | None:
        """Where the user's code called into the module/function that recorded a save."""
        if self.module_call_span is not None:
            return self.module_call_span
        for frame in self.frames:
            if frame.call_span is not None:
                return frame.call_span
        return None

    def view_of(self, base: TensorVal, node: ast.AST, state: State, op: str) -> TensorVal:
        """A view shares its base's version counter; made under no_grad it is a special kind
        that may not be modified in place once grad mode is back on."""
        return base.with_(
            is_view=True,
            view_kind="no_grad"
            if state.grad == Tri.NO and not state.inference_mode
            else (base.view_kind),
            noncontig=base.noncontig or op in api.TRANSPOSING_VIEWS,
        )

    def multi_view(self, base: TensorVal, op: str, node: ast.AST, state: State) -> TensorVal:
        """One output of unbind/split/chunk/iteration: autograd forbids writing to it."""
        for sid in base.sids:
            state.multi_dirty.pop(sid, None)
        if state.grad == Tri.NO:  # (the op is remembered for a custom Function's outputs)
            return self.view_of(base, node, state, op).with_(view_op=op)
        return base.with_(is_view=True, view_kind="multi", view_op=op)

    def fresh_tensor(
        self,
        node: ast.AST,
        rg: Tri,
        state: State,
        deps: frozenset[tuple[object, ...]],
        origin_op: str | None = None,
    ) -> TensorVal:
        sid, renamer = self.alloc(node, state)
        if renamer is not None:
            deps = frozenset(renamer.key(k) for k in deps)
        return TensorVal(
            sids=frozenset({sid}),
            rg=rg,
            deps=deps if rg != Tri.NO else frozenset(),
            origin=Origin(origin_op, self.src.span(node)) if origin_op else None,
            inference=state.inference_mode,
        )

    # ------------------------------------------------------------------ modules, functions

    def construct_layer(self, qual: str, node: ast.Call, state: State, stmt: ast.stmt) -> ModuleObj:
        args, kwargs = self._eval_args(node, state, stmt)
        setattr(node, PATH_ATTR, self.scope.path)  # kept: a container runs it from elsewhere
        obj = ModuleObj(kind=qual, span=self.src.span(node), node=node)
        if qual in api.CONTAINERS:
            for arg in args:
                if isinstance(arg, ModuleObj):
                    obj.children.append(arg)
                elif isinstance(arg, (TupleVal, SeqVal, ListObj)):
                    obj.children.extend(m for m in _flatten(arg) if isinstance(m, ModuleObj))
                    obj.repeated = obj.repeated or not isinstance(arg, TupleVal)
            return obj
        spec = api.LAYERS.get(qual)
        if spec is None:
            obj.generic = True
            return obj
        inplace: Value | None = kwargs.get("inplace")
        inplace_node: ast.AST | None = next(
            (kw for kw in node.keywords if kw.arg == "inplace"), None
        )
        if inplace is None and spec.inplace_arg is not None and len(args) > spec.inplace_arg:
            inplace = args[spec.inplace_arg]
            inplace_node = node.args[spec.inplace_arg]
        if inplace is not None:
            obj.inplace = (
                Tri.of(inplace.value)
                if isinstance(inplace, ConstVal) and isinstance(inplace.value, bool)
                else Tri.MAYBE
            )
            obj.inplace_span = self.src.span(inplace_node) if inplace_node is not None else None
        obj.options = dict(kwargs)
        for pname in spec.params:
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
            return self.fresh_tensor(node, rg, state, deps=deps, origin_op=bm.name)
        if isinstance(obj, OptimizerVal):
            self._eval_args(node, state, stmt)
            if bm.name == "step":
                self.det.on_optimizer_step(obj, node, stmt, state)
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
            args, _ = self._eval_args(node, state, stmt)
            if bm.name == "forward":
                return self._call_module_with(obj, args, node, state, stmt)
            if bm.name in ("parameters", "named_parameters"):
                params = obj.parameters() or self._opaque_params(obj)
                elem: Value = _join_all(list(params)) if params else UNKNOWN
                if bm.name == "named_parameters":
                    elem = TupleVal((UNKNOWN, elem))
                return SeqVal(elem)
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
            if bm.name in (
                "to",
                "cuda",
                "cpu",
                "train",
                "eval",
                "float",
                "double",
                "half",
                "apply",
                "type",
            ):
                return obj
            if bm.name in (
                "register_forward_hook",
                "register_forward_pre_hook",
                "append",
                "add_module",
                "register_module",
            ):
                self._touch(obj)
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
            if (
                bm.name
                in ("register_buffer", "register_parameter", "add_module", "register_module")
                and len(args) >= 2
                and isinstance(args[0], ConstVal)
            ):
                self.set_attr(obj, str(args[0].value), args[1], state)
            if bm.name == "append" and args and isinstance(args[0], ModuleObj):
                obj.children.append(args[0])
            if (
                bm.name in ("add_module", "register_module")
                and obj.kind in api.CONTAINERS
                and len(args) >= 2
                and isinstance(args[1], ModuleObj)
            ):
                obj.children.append(args[1])  # a container runs (and indexes) them in order
            return UNKNOWN
        self._eval_args(node, state, stmt)
        return UNKNOWN

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
        if mod.cls is not None:
            fwd = mod.cls.methods.get("forward") or mod.cls.methods.get("__call__")
            if fwd is not None:
                return self._invoke(fwd, args, kwargs, node, state, self_obj=mod)
            return UNKNOWN
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
        if mod.kind == "torch.nn.Sequential":
            for index, child in enumerate(mod.children):
                given = x
                # children built by one constructor line (a helper called twice) are told
                # apart by their place in the container: what each saves is its own
                self.call_stack.append(("child", index))
                try:
                    x = (
                        self._call_module_with(child, [x], child.node or node, state, stmt)
                        if (child.cls is None)
                        else self._inline_forward(child, [x], node, state, stmt)
                    )
                finally:
                    self.call_stack.pop()
                x = self._post_hooks(child, [given], x, node, state)
            return x
        if mod.cls is not None:
            return self._inline_forward(mod, args, node, state, stmt)
        spec = api.LAYERS.get(mod.kind)
        if mod.generic:
            return self._generic_result(args, node, state, mod.kind.split(".")[-1])
        if spec is None or not isinstance(x, TensorVal):
            return UNKNOWN
        if spec.op is None:
            if mod.kind.endswith(("Identity", "Flatten", "Unflatten")):
                return x
            rg = x.rg | (Tri.YES if state.grad == Tri.YES else Tri.NO)  # it has parameters
            kind = mod.kind.split(".")[-1]
            deps = x.deps  # and what the other inputs (an RNN's initial state) depend on
            for extra in args[1:]:
                for t in _flatten(extra):
                    if isinstance(t, TensorVal):
                        deps = deps | t.deps
            out = self.fresh_tensor(node, rg, state, deps=deps, origin_op=kind)
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
                mod.inplace == Tri.YES and not x.may_alias,
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
        return self.apply_op(
            row, op_args, node, stmt, state, name, arg_nodes=arg_nodes, clonable=False
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
            deps = deps | t.deps
        if state.grad == Tri.NO:
            rg = Tri.NO
        return self.fresh_tensor(node, rg, state, deps=deps, origin_op=name)

    def _inline_forward(
        self, mod: ModuleObj, args: list[Value], node: ast.AST, state: State, stmt: ast.stmt
    ) -> Value:
        assert mod.cls is not None
        fwd = mod.cls.methods.get("forward")
        if fwd is None:
            return UNKNOWN
        return self._invoke(fwd, args, {}, node, state, self_obj=mod)

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

        def free(f: FuncVal) -> bool:
            return isinstance(f.node, ast.Lambda) or (from_module and _is_constructor(f))

        depth = sum(1 for f in self.frames if not (f.func and free(f.func)))
        limit = MODULE_FLOW_DEPTH if from_module else MAX_CALL_DEPTH
        too_deep = depth > limit and not free(func)
        if not from_module and func.module is not None and func.module is not self.main_scope:
            # a function analysed on its own follows calls into other modules one level
            # only: the file's own flow (its script) goes as deep as same-file code, but
            # library code, analysed function by function with unknown arguments, would
            # otherwise re-analyse whole imported packages in every function
            too_deep = too_deep or depth > FOREIGN_STANDALONE_DEPTH
        if (
            too_deep
            or len(self.frames) > limit + 8
            or any(f.func and f.func.node is func.node for f in self.frames)
        ):
            return self._opaque_call(args, kwargs, self_obj, node, state)
        callee = State(
            env={},
            saves=state.saves,
            heap=state.heap,
            heap_owned=state.heap_owned,
            grad=state.grad,
            inference_mode=state.inference_mode,
            allow_mutation=state.allow_mutation,
            hooks=state.hooks,
            multi_dirty=state.multi_dirty,
            allocated=state.allocated,
        )
        scope = func.module if isinstance(func.module, ModuleScope) else self.main_scope
        frame = Frame(
            globals=(
                scope.env  # type: ignore[arg-type]
                if scope is not self.main_scope
                else (self.frames[0].globals if self.frames else {})
            ),
            func=func,
            call_node=node,
            call_span=self.src.span(node),
            call_stmt=self.current_stmt,
            closure=func.closure,
        )
        frame.arg_sids = frozenset(
            sid
            for a in [*args, *kwargs.values()]
            for t in _flatten(a)
            if isinstance(t, TensorVal)
            for sid in t.sids
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
        finally:
            self.caller_states.pop()
            self.frames.pop()
            self.call_stack.pop()
            self.current_stmt = frame.call_stmt
        state.allocated |= out_state.allocated
        state.saves = out_state.saves
        state.multi_dirty = out_state.multi_dirty
        state.heap = out_state.heap
        state.heap_owned = out_state.heap_owned
        results = [v for v, _ in frame.returns]
        return _join_all(results) if results else ConstVal(None)

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
        saved: list[tuple[str, TensorVal, str, bool]] = []
        if spec.saves_output:
            saved.append(("out", out, "its output", False))
        if spec.saves_params:
            for pname in spec.params:
                param = self.get_attr(mod, pname, state)
                if isinstance(param, TensorVal):
                    saved.append((pname, param, f"the parameter `{kind}.{pname}`", True))
        if spec.saves_state and len(args) > 1:
            for index, t in enumerate(_flatten(args[1])):
                if isinstance(t, TensorVal):
                    saved.append((f"hx{index}", t, "the initial state it was given", False))
        keys = set()
        site = next(iter(out.sids))
        certain = out.rg == Tri.YES and state.grad == Tri.YES
        for name, tensor, what, is_param in saved:
            key = (*site, name)
            self._record_save(
                state, key, tensor.sids, kind, node, what, certain, param=is_param, clonable=False
            )
            keys.add(key)
        return out.with_(deps=out.deps | keys) if keys else out

    def apply_function(self, cls: ClassVal, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`MyFunction.apply(...)`: its forward runs with grad mode off; each output requires
        grad when an input does. An output that is an input or a view of one is a view autograd
        forbids modifying in place (verified on torch 2.13: 'This view was created inside a
        custom Function'; split outputs: the multi-output view error)."""
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
            if rg == Tri.NO or not value.sids & input_sids:
                return made.with_(view_kind=None) if made.view_kind == "no_grad" else made
            if value.view_op is not None:  # unbind/split/chunk inside forward
                return made.with_(is_view=True, view_kind="multi")
            return made.with_(is_view=True, view_kind="custom_fn", view_op=cls.node.name)

        return output(result)

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
        so a backward through it still reaches what they depend on."""
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
        return self.fresh_tensor(node, rg, state, deps)

    def _run_body(self, func: FuncVal, state: State) -> State:
        self._entered(func.node)
        if isinstance(func.node, ast.Lambda):
            value = self.eval(func.node.body, state, self.current_stmt or ast.Pass())
            self.frame.returns.append((value, None))
            return state
        if func.grad_decorator is not None:
            _enter(func.grad_decorator, state)
        prev = self._current_class
        self._current_class = func.owner if func.node.name == "__init__" else prev
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
                default = default_for[p.arg]
                state.env[p.arg] = (
                    ConstVal(default.value) if isinstance(default, ast.Constant) else UNKNOWN
                )
            else:
                state.env[p.arg] = self._unknown_param(p, default_for.get(p.arg), in_module, fname)
        for p, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=False):
            if kwargs is not None and p.arg in kwargs:
                state.env[p.arg] = kwargs[p.arg]
            elif args is not None and isinstance(d, ast.Constant):
                state.env[p.arg] = ConstVal(d.value)
            else:
                state.env[p.arg] = self._unknown_param(p, d, in_module, fname)
        if node.args.vararg:
            state.env[node.args.vararg.arg] = SeqVal(UNKNOWN)
        if node.args.kwarg:
            state.env[node.args.kwarg.arg] = UNKNOWN

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

    def standalone_instance(self, cls: ClassVal) -> ModuleObj:
        """`self` for a method analysed on its own: attributes from running `__init__`."""
        if self.recorder is not None and self.facts is not None:
            if self.facts.layout.top_index(cls.node.lineno) != self.recorder.index:
                self.recorder.impure = True  # shares another unit's instance
        cached = self.class_instances.get(id(cls.node))
        if cached is not None:
            return cached
        obj = ModuleObj(kind=cls.node.name, span=self.src.span(cls.node), cls=cls)
        self.class_instances[id(cls.node)] = obj
        init = cls.methods.get("__init__")
        if init is not None and not any(f.func and f.func.node is init.node for f in self.frames):
            state = State()
            frame = Frame(
                globals=self.frames[0].globals if self.frames else {}, func=init, standalone=True
            )
            self.frames.append(frame)
            try:
                self._bind_params(init, state, None, None, obj)
                self._run_body(init, state)
            finally:
                self.frames.pop()
        return obj

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

    # ------------------------------------------------------------------ helpers

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
        callers = tuple(s.env for s in self.caller_states if s.env is not state.env)
        renamer = allocate(state, sid, tuple(f.globals for f in self.frames), callers)
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
        )

    def exec_augassign(self, stmt: ast.AugAssign, state: State) -> None:
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
            return
        op = api.BINOP_METHODS.get(type(stmt.op).__name__, "add")
        row = self.table.row(op)
        mut = self.mutation(
            stmt,
            stmt,
            "augassign",
            f"`{self.src.text(stmt)}`",
            f"{op}_",
            certain=not target_val.may_alias,
        )
        new = self.inplace(target_val, [value], mut, state, row=row, node=stmt)
        if isinstance(stmt.target, ast.Subscript):
            base_expr = stmt.target.value
            base = self.eval_quiet(base_expr, state)
            if isinstance(base, TensorVal) and isinstance(base_expr, (ast.Name, ast.Attribute)):
                self._rebind_expr(base_expr, _merge_into(base, new), state)
        else:
            self._rebind_expr(stmt.target, new, state)


# ---------------------------------------------------------------------- module-level helpers


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
    """The elements of a sequence we know one by one and few enough to unroll."""
    if isinstance(value, ModuleObj) and value.children and len(value.children) <= 16:
        return list(value.children)
    if isinstance(value, TupleVal) and 0 < len(value.items) <= 16:
        return list(value.items)
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


def _submodules(root: ModuleObj, limit: int = 64) -> list[ModuleObj]:
    """A module and its submodules in the order `Module.apply` visits them (post-order)."""
    out: list[ModuleObj] = []
    seen: set[int] = set()

    def visit(mod: ModuleObj) -> None:
        if id(mod) in seen or len(out) >= limit:
            return
        seen.add(id(mod))
        for child in [
            *mod.children,
            *(v for v in mod.attrs.values() if isinstance(v, ModuleObj)),
        ]:
            visit(child)
        out.append(mod)

    visit(root)
    return out


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
    return None


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _join_all(values: list[Value]) -> Value:
    if not values:
        return UNKNOWN
    out = values[0]
    for v in values[1:]:
        out = join_values(out, v)
    return out


def _join_attr(old: Value, new: Value) -> Value:
    if isinstance(old, ModuleObj) or isinstance(new, ModuleObj):
        return new
    return join_values(old, new)


def _merge_into(base: TensorVal, written: TensorVal) -> TensorVal:
    """The base after one of its views was written: it picks up the write's grad history."""
    return base.with_(rg=base.rg | written.rg, deps=base.deps | written.deps)


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
    def walk(
        body: list[ast.stmt], owner: ast.ClassDef | None
    ) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef | None]]:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield stmt, owner
                yield from walk(stmt.body, None)
            elif isinstance(stmt, ast.ClassDef):
                yield from walk(stmt.body, stmt)
            elif isinstance(stmt, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
                for field_name in ("body", "orelse", "finalbody", "handlers"):
                    sub = getattr(stmt, field_name, None)
                    if sub:
                        inner = [
                            s
                            for h in sub
                            for s in (h.body if isinstance(h, ast.ExceptHandler) else [h])
                        ]
                        yield from walk(inner, owner)

    yield from walk(body, None)


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
        isinstance(node, ast.Attribute) and _dotted(node) is not None
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
    """`self.activation == "relu"` with a known constructor argument: take the right branch."""
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


def _property_kind(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """'getter' for `@property`, 'setter' for `@name.setter`, else None."""
    for dec in node.decorator_list:
        if isinstance(dec, ast.Name) and dec.id in ("property", "cached_property"):
            return "getter"
        if isinstance(dec, ast.Attribute) and dec.attr == "setter":
            return "setter"
    return None
