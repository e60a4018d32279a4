"""Entry points: the module body, the per-function analyses (replayed from the incremental cache
when nothing they read changed), imported modules' top levels and the switch between modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager

from ..frames import Frame
from ..incremental import (
    Layout,
    ModuleFacts,
    UnitRecord,
    UnitRecorder,
    replay,
    unit_deps,
)
from ..module_cache import module_cache
from ..modules import ModuleScope, strip_main_guard
from ..mutation_reach import MutationReach
from ..state import State
from ..values import (
    BoundMethod,
    ClassVal,
    DictVal,
    FuncVal,
    ListObj,
    ModuleNsVal,
    ModuleObj,
    SeqVal,
    TensorVal,
    Tri,
    TupleVal,
    Value,
    next_serial,
)
from .base import InterpreterBase
from .helpers import (
    _all_functions_in,
    _emit_elsewhere,
    _submodules,
)
from .limits import (
    MODULE_STATEMENT_BUDGET,
    STATEMENT_BUDGET,
    BudgetExceeded,
)


class Units(InterpreterBase):
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
        reach = MutationReach(
            self.tree.body,
            self.src.lines,
            frozenset(name for name, value in module_env.items() if _from_project(value)),
        )
        for index, stmt in enumerate(self.tree.body):
            functions = [
                (func, owner)
                for func, owner in _all_functions_in([stmt])
                if reach.function_may_write(index, func, owner)
            ]
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
        undecided = tuple(self._caller_decides(func) for func, _ in functions)
        if cache is not None and facts is not None:
            record = cache.lookup(facts.layout, index)
            if (
                record is not None
                and record.caller_decides == undecided
                and replay(record, facts.layout, self.det.emit)
            ):
                cache.hits += 1
                self.statements += record.statements
                if self.statements > STATEMENT_BUDGET:
                    raise BudgetExceeded
                return
            cache.misses += 1
            recorder = UnitRecorder(index, next_serial(), self.statements)
            recorder.problems_before = len(self.det.problems)
            self.det.fixes.forget_caller_reads()
            self.recorder = recorder
            self.det.tape = recorder.emits
        try:
            for (func, owner), caller_decides in zip(functions, undecided, strict=True):
                self.det.caller_decides = caller_decides
                if func.name == "__init__" and owner is not None:
                    cls = module_env.get(owner.name)
                    if isinstance(cls, ClassVal) and cls.is_module:
                        self.standalone_instance(cls)  # runs __init__ with unknown arguments
                        continue
                self.analyse_standalone(func, owner, module_env)
        finally:
            self.det.caller_decides = False
            self.recorder = None
            self.det.tape = None
        if (
            cache is not None
            and facts is not None
            and recorder is not None
            and not recorder.impure
            and not self.det.fixes.read_callers  # a fix judged by calls elsewhere in the file
            and len(self.det.problems) == recorder.problems_before
            and not any(_emit_elsewhere(e) for e in recorder.emits)
        ):
            record = UnitRecord(
                facts.layout,
                unit_deps(recorder, facts),
                tuple(recorder.emits),
                self.statements - recorder.statements_before,
                undecided,
            )
            cache.store(facts.layout, index, record)

    def _caller_decides(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Whether what this function does fails only if its caller has grad mode on, and no
        call the script's own flow made had it on (none seen, or all under `no_grad`): then
        the caller decides, and its errors are warnings. A grad-mode decorator decides."""
        if self._grad_decorator(func) is not None:
            return False
        if id(func) in self.flow_ran:
            # the script ran it: what it does there was found with what the script passes;
            # a stand-alone analysis (unknown arguments, unknown state) explores paths its
            # calls did not take (a flag buffer's first-call branch, run under no_grad)
            return True
        modes = self.flow_calls.get(id(func))
        return not modes or all(mode == Tri.NO for mode in modes)

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
        module_state = state.sharing_flow()
        scope.env = module_state.env  # type: ignore[assignment]
        self.register_source(scope)
        frame = Frame(globals=module_state.env)
        # an imported module's top level does not use up the checked file's statement budget
        # (a script importing a large package would lose its own code); it has its own
        counted_before = self.statements
        saved_stack, saved_callers = self.call_stack, self.caller_states
        self.call_stack, self.caller_states = [], []
        self.frames.append(frame)
        self.modules_running += 1
        try:
            with self.in_scope(scope):
                prev_class, self._current_class = self._current_class, None
                try:
                    out = self.exec_block(strip_main_guard(scope.tree.body), module_state)
                finally:
                    self._current_class = prev_class
        finally:
            self.modules_running -= 1
            self.frames.pop()
            self.call_stack, self.caller_states = saved_stack, saved_callers
            self.module_statements += self.statements - counted_before
            self.statements = counted_before
            if self.module_statements > MODULE_STATEMENT_BUDGET:
                raise BudgetExceeded
        scope.env = out.env  # type: ignore[assignment]
        scope.loaded = True
        state.continue_from(out)

    def register_source(self, scope: ModuleScope) -> None:
        """Fixes in `scope`'s file use its text and its name for torch (the detector finds
        the text through the shared source registry its SourceMap joined)."""
        torch_bound = "torch" in scope.imports.names.values()  # `import torch [as t]`
        self.det.fixes.add_source(scope.src, scope.imports.torch_alias() if torch_bound else None)

    def effects(self, state: State) -> tuple[object, ...]:
        """What running a module's top level may change besides its own namespace: compared
        before and after, equal means the module can be kept for later analyses. The sites it
        allocated tensors at are not among them: they are kept with the module and marked
        allocated again where it is reused (a top level runs once per analysis, so nothing
        allocates at its own sites again; a function it called may, and then ages them)."""
        return (
            frozenset(state.saves),
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
            _forget_scalars(obj)
        return obj


def _forget_scalars(root: ModuleObj) -> None:
    """A method analysed on its own may run after any other call: a number its constructor
    put in a tensor attribute (an `initialized` flag buffer set to 0) may have changed."""
    for sub in _submodules(root):
        for name, value in list(sub.attrs.items()):
            if isinstance(value, TensorVal) and value.scalar is not None:
                sub.attrs[name] = value.with_(scalar=None)


def _from_project(value: Value | None) -> bool:
    """A global another project module gave this one (modules followed): what it runs is
    not in this file's text, so it may write."""
    return isinstance(
        value,
        (
            FuncVal,
            ClassVal,
            ModuleNsVal,
            ModuleObj,
            BoundMethod,
            DictVal,
            TupleVal,
            ListObj,
            SeqVal,
        ),
    )
