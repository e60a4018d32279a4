"""The interpreter's state, and the methods its parts call on each other (each part
implements its own; see interpreter.py for how they are put together)."""

from __future__ import annotations

import ast
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from ...optable.table import OpRow, OpTable
from ..findings import Span
from ..frames import Frame
from ..hazards import Detector
from ..imports import ImportMap
from ..incremental import (
    AnalysisCache,
    ModuleFacts,
    UnitRecorder,
)
from ..linking import ModuleLinker
from ..modules import ModuleScope
from ..spans import SourceMap
from ..state import Mutation, SiteRenamer, State
from ..values import (
    UNKNOWN,
    ArgParserVal,
    BoundMethod,
    ClassVal,
    CtxVal,
    DictVal,
    FuncVal,
    MapVal,
    ModuleNsVal,
    ModuleObj,
    PartialVal,
    SeqVal,
    Sid,
    TensorVal,
    TorchFnVal,
    Tri,
    Value,
)
from .loop_exits import LoopExits


class InterpreterBase(ABC):
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
        # the grad modes the script's own flow called each function in (by id of its node):
        # a function analysed on its own is certain to fail only if some call has grad on
        self.flow_calls: dict[int, set[Tri]] = {}
        # functions whose body the script's own flow ran (not left opaque): what it found
        # there holds for the calls the script makes
        self.flow_ran: set[int] = set()
        self.call_stack: list[tuple[object, ...]] = []
        self.caller_states: list[State] = []  # the states of the inlined calls' callers
        self.jedi: object | None = None
        self.current_stmt: ast.stmt | None = None
        # `.backward()` calls run on a tensor we know: their reach is followed (grads_none)
        self.modelled_backwards: set[ast.AST] = set()
        self.module_call: ast.AST | None = None  # outermost call of a torch.nn container
        self.module_call_span: Span | None = None
        self.attr_writes: list[int] = []  # serials of module objects given attributes
        self.module_statements = 0  # statements run by imported modules' top levels
        self.modules_running = 0  # imported modules' top levels running now (nested)
        # statements run in other modules' functions called from this file's code (not from
        # their top levels): past FOREIGN_STATEMENT_BUDGET, calls into them are not followed
        self.foreign_statements = 0
        # `REGISTRY[key] = value` into some module's globals: (that dict, name, key, value)
        self.registrations: list[tuple[dict[str, Value], str, object, Value]] = []
        # how often each registering decorator (by its node and registry object) ran
        self.decorator_runs: dict[tuple[int, int], int] = {}
        # per custom Function.apply being run: what its forward gave ctx.save_for_backward
        self.function_saves: list[list[TensorVal]] = []
        # where each tensor is stored as a module attribute (for `p.requires_grad = False`)
        self.tensor_homes: dict[Sid, set[tuple[ModuleObj, str]]] = {}
        # incremental analysis (None: analyse everything)
        self.cache: AnalysisCache | None = None
        self.facts: ModuleFacts | None = None
        self.recorder: UnitRecorder | None = None
        self._module_entered: set[int] | None = None
        # how many regions that run code on a guessed path are open (a branch whose test is
        # not known, a loop's rounds to its fixed point, exception handlers): a generator's
        # `yield` in one is not known to give the next value (see generators.py)
        self.path_guesses = 0

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    def super_receiver(self, state: State) -> tuple[FuncVal | None, ClassVal | None, Value]:
        """For `super().name(...)`: the running method, its class and what its first
        parameter (`self`) holds."""
        func = self.frame.func if self.frames else None
        owner = func.owner if func is not None else None
        params = func.node.args.args if func is not None else []
        return func, owner, self.lookup(params[0].arg, state) if params else UNKNOWN

    @contextmanager
    def guessed_paths(self) -> Iterator[None]:
        """Code run here may or may not run, or may run a number of times not known."""
        self.path_guesses += 1
        try:
            yield
        finally:
            self.path_guesses -= 1

    _current_class: ClassVal | None = None

    # implemented by the parts (statements.py, expressions.py, calls.py, torch_ops.py,
    # nn_modules.py, units.py)

    @abstractmethod
    def _bind_params(
        self,
        func: FuncVal,
        state: State,
        args: list[Value] | None,
        kwargs: dict[str, Value] | None,
        self_obj: ModuleObj | None,
    ) -> None: ...

    @abstractmethod
    def _default_value(self, default: ast.expr) -> Value: ...

    @abstractmethod
    def _entered(self, node: ast.AST) -> None: ...

    @abstractmethod
    def _eval_args(
        self, node: ast.Call, state: State, stmt: ast.stmt
    ) -> tuple[list[Value], dict[str, Value]]: ...

    @abstractmethod
    def _expand_starred(
        self, node: ast.Starred, state: State, stmt: ast.stmt
    ) -> list[Value] | SeqVal: ...

    @abstractmethod
    def _grad_decorator(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> CtxVal | None: ...

    @abstractmethod
    def _torch_function(self, node: ast.expr) -> Value: ...

    @abstractmethod
    def _index_tensor(self, obj: ModuleObj, name: str, value: Value) -> None: ...

    @abstractmethod
    def _invoke(
        self,
        func: FuncVal,
        args: list[Value],
        kwargs: dict[str, Value],
        node: ast.AST,
        state: State,
        self_obj: ModuleObj | None,
    ) -> Value: ...

    @abstractmethod
    def _is_module_class(self, node: ast.ClassDef, env: dict[str, Value]) -> bool: ...

    @abstractmethod
    def _jedi_value(self, target: ast.expr) -> Value: ...

    @abstractmethod
    def _jedi_worth_it(self, expr: ast.expr, state: State) -> bool: ...

    @abstractmethod
    def _layer_parameter(self, obj: ModuleObj, name: str) -> TensorVal | None: ...

    @abstractmethod
    def _map(
        self, fn: FuncVal | TorchFnVal, iterable: Value, node: ast.Call, state: State
    ) -> Value: ...

    @abstractmethod
    def _opaque_params(self, obj: ModuleObj) -> list[TensorVal]: ...

    @abstractmethod
    def _rebind_expr(self, expr: ast.expr, value: Value, state: State) -> None: ...

    @abstractmethod
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
    ) -> None: ...

    @abstractmethod
    def _relookup(self, node: ast.expr, value: Value, state: State) -> Value: ...

    @abstractmethod
    def _run_body(self, func: FuncVal, state: State) -> State: ...

    @abstractmethod
    def _set_requires_grad(self, sids: frozenset[Sid], flag: Tri, state: State) -> None: ...

    @abstractmethod
    def parser_method(
        self, parser: ArgParserVal, name: str, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def _touch(self, obj: object) -> None: ...

    @abstractmethod
    def deepcopy(self, value: Value, node: ast.AST, state: State) -> Value: ...

    @abstractmethod
    def dict_of_pairs(self, pairs: Value, node: ast.Call, state: State) -> Value: ...

    @abstractmethod
    def consumed_generator(
        self, node: ast.GeneratorExp, state: State, stmt: ast.stmt
    ) -> Value | None: ...

    @abstractmethod
    def repeated_layers(
        self, container: ModuleObj, node: ast.AST, state: State
    ) -> list[ModuleObj]: ...

    @abstractmethod
    def _via_span(self) -> Span | None: ...

    @abstractmethod
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
    ) -> Value: ...

    @abstractmethod
    def bind(self, target: ast.expr, value: Value, state: State, stmt: ast.stmt) -> None: ...

    @abstractmethod
    def fixpoint(
        self,
        body: Callable[[State], State],
        state: State,
        loop: ast.For | ast.AsyncFor | ast.While,
    ) -> State: ...

    @abstractmethod
    def eval_comprehension(
        self, node: ast.ListComp | ast.GeneratorExp | ast.SetComp, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def dict_of_unknown_keys(self, node: ast.DictComp, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def map_method(
        self, d: MapVal, func: ast.Attribute, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def derives_from_optimizer(self, obj: ModuleObj) -> bool: ...

    @abstractmethod
    def optimizer_base(
        self, node: ast.ClassDef, bases: tuple[ClassVal, ...], state: State
    ) -> str | None: ...

    @abstractmethod
    def init_optimizer_base(
        self,
        obj: ModuleObj,
        node: ast.Call,
        args: list[Value],
        kwargs: dict[str, Value],
        state: State,
    ) -> None: ...

    @abstractmethod
    def fold_min_max(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def make_partial(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def call_partial(
        self, partial: PartialVal, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def call_bound(
        self, bm: BoundMethod, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def call_function(
        self,
        func: FuncVal,
        node: ast.Call,
        state: State,
        stmt: ast.stmt,
        self_obj: ModuleObj | None,
    ) -> Value: ...

    @abstractmethod
    def call_module(
        self, mod: ModuleObj, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def call_qualified(self, qual: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def call_tensor_method(
        self,
        receiver: TensorVal,
        method: str,
        node: ast.Call,
        state: State,
        stmt: ast.stmt,
        skip_first: bool = False,
    ) -> Value: ...

    @abstractmethod
    def construct(self, cls: ClassVal, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def construct_layer(
        self, qual: str, node: ast.Call, state: State, stmt: ast.stmt
    ) -> ModuleObj: ...

    @abstractmethod
    def element_of(self, iterable: Value, node: ast.expr, state: State) -> Value: ...

    @abstractmethod
    def drained(self, value: Value, node: ast.AST, state: State) -> Value: ...

    @abstractmethod
    def unpack(self, value: Value, n: int, node: ast.AST, state: State) -> list[Value]: ...

    @abstractmethod
    def generator_step(
        self, name: str, args: list[Value], node: ast.Call, state: State
    ) -> Value: ...

    @property
    @abstractmethod
    def loop_exit_stack(self) -> list[LoopExits]: ...

    @abstractmethod
    def eval_yield(
        self, node: ast.Yield | ast.YieldFrom, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def eval(self, node: ast.expr | None, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def eval_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def eval_quiet(self, node: ast.expr, state: State) -> Value: ...

    @abstractmethod
    def eval_dict(self, node: ast.Dict, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def _call_value(
        self, callee: Value, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value | None: ...

    @abstractmethod
    def _named_submodules(
        self, root: ModuleObj, state: State, deep: bool, limit: int = 64
    ) -> list[tuple[str, ModuleObj]] | None: ...

    @abstractmethod
    def _dict_setitem(
        self, name: str, base: DictVal, key: Value, value: Value, state: State
    ) -> None: ...

    @abstractmethod
    def eval_dict_comp(self, node: ast.DictComp, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def import_module_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def run_path_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def is_module_dict(self, obj: ModuleObj) -> bool: ...

    @abstractmethod
    def fold_any_all(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value | None: ...

    @abstractmethod
    def module_member(self, module: ModuleNsVal, name: str, state: State) -> Value: ...

    @abstractmethod
    def class_attributes(self, cls: ClassVal, node: ast.ClassDef, state: State) -> None: ...

    @abstractmethod
    def run_function_decorators(
        self, func: FuncVal, stmt: ast.FunctionDef | ast.AsyncFunctionDef, state: State
    ) -> None: ...

    @abstractmethod
    def eval_subscript(
        self, base: Value, index: Value, node: ast.Subscript, state: State
    ) -> Value: ...

    @abstractmethod
    def exec_block(self, stmts: list[ast.stmt], state: State) -> State: ...

    @abstractmethod
    def alloc(self, node: ast.AST, state: State) -> tuple[Sid, SiteRenamer | None]: ...

    @abstractmethod
    def fresh_tensor(
        self,
        node: ast.AST,
        rg: Tri,
        state: State,
        deps: frozenset[tuple[object, ...]],
        origin_op: str | None = None,
        deps_from: int = 0,
    ) -> TensorVal: ...

    @abstractmethod
    def get_attr(self, obj: ModuleObj, name: str, state: State) -> Value | None: ...

    @abstractmethod
    def getattr_(
        self, obj: Value, node: ast.Attribute, state: State, quiet: bool = False
    ) -> Value: ...

    @abstractmethod
    def getattr_by_name(self, obj_node: ast.expr, obj: Value, name: str, state: State) -> Value: ...

    @contextmanager
    @abstractmethod
    def in_scope(self, scope: ModuleScope) -> Iterator[None]: ...

    @abstractmethod
    def inplace(
        self,
        target: TensorVal,
        others: Sequence[Value],
        mut: Mutation,
        state: State,
        row: OpRow | None,
        node: ast.AST | None = None,
        op_args: dict[str, Value] | None = None,
    ) -> TensorVal: ...

    @abstractmethod
    def lookup(self, name: str, state: State) -> Value: ...

    @abstractmethod
    def call_super(self, name: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value: ...

    @abstractmethod
    def _call_module_with(
        self, mod: ModuleObj, args: list[Value], node: ast.AST, state: State, stmt: ast.stmt
    ) -> Value: ...

    @abstractmethod
    def multi_view(self, base: TensorVal, op: str, node: ast.AST, state: State) -> TensorVal: ...

    @abstractmethod
    def mutation(
        self, node: ast.AST, stmt: ast.stmt, kind: str, desc: str, op: str, certain: bool
    ) -> Mutation: ...

    @abstractmethod
    def set_attr(self, obj: ModuleObj, name: str, value: Value, state: State) -> None: ...

    @abstractmethod
    def site(self, node: ast.AST) -> Sid: ...

    @abstractmethod
    def standalone_instance(self, cls: ClassVal) -> ModuleObj: ...

    @abstractmethod
    def subscript_view(
        self,
        base: TensorVal,
        node: ast.Subscript,
        state: State,
        index: Value | None = None,
        write: bool = False,
    ) -> TensorVal: ...

    @abstractmethod
    def view_of(self, base: TensorVal, node: ast.AST, state: State, op: str) -> TensorVal: ...
