"""Generator functions. Calling a function whose body has `yield` or `yield from` runs nothing:
it gives a generator object (`GenVal`). Its body runs, in the consumer's flow, where the
generator is consumed: a `for` loop or comprehension over it, `list()`/`tuple()`/`sum()`/...,
`*gen` in a call (`nn.Sequential(*layers())`), `yield from gen`, a torch or library call given
it; `next(gen)` runs it up to its first `yield` only. A run collects the values yielded: one by
one, in order, while each `yield` is reached on a sure path (branches whose test is known, loops
unrolled), up to MAX_GENERATOR_ITEMS; from the first one yielded on a guessed path (a branch
whose test is not known, a loop's rounds to its fixed point, after an early `return`, `break` or
`continue`) on, the values are joined into one that stands for a number of them not known.

A generator the consumer resumes after `next(gen)` stopped it runs again from its start (the
interpreter does not resume a body mid-way): the values it gives from then on are those past
the ones handed out. A generator consumed twice gives its values again, without running (a
second iteration in Python gives none: the analysis keeps the values for either path)."""

from __future__ import annotations

import ast
import weakref
from dataclasses import dataclass

from ..frames import Frame
from ..modules import ModuleScope
from ..state import State
from ..values import (
    UNKNOWN,
    BoundMethod,
    ClassVal,
    ConstVal,
    FuncVal,
    GenVal,
    ListObj,
    ModuleObj,
    PartialVal,
    SeqVal,
    TensorVal,
    TupleVal,
    Value,
)
from .base import InterpreterBase
from .context_generators import _is_generator_context
from .helpers import _join_alike, _known_items
from .limits import MAX_GENERATOR_ITEMS

# builtins that iterate their arguments: a generator given to one runs there
ITERATING_BUILTINS = frozenset(
    {
        "list",
        "tuple",
        "set",
        "frozenset",
        "dict",
        "sorted",
        "sum",
        "min",
        "max",
        "any",
        "all",
        "zip",
        "enumerate",
        "map",
        "filter",
        "reversed",
    }
)
# builtins that step through a generator (handled here, keeping what is known of its order)
GENERATOR_STEPS = frozenset({"next", "iter", "list", "tuple"})

_YIELDS: weakref.WeakKeyDictionary[ast.AST, bool] = weakref.WeakKeyDictionary()
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def yields_in(node: ast.FunctionDef | ast.For | ast.AsyncFor) -> bool:
    """Its body (not a nested function's or class's) has `yield` or `yield from`."""
    found = _YIELDS.get(node)
    if found is None:
        todo: list[ast.AST] = list(node.body)
        found = False
        while todo and not found:
            current = todo.pop()
            if isinstance(current, (ast.Yield, ast.YieldFrom)):
                found = True
            elif not isinstance(current, _SCOPES):
                todo.extend(ast.iter_child_nodes(current))
        _YIELDS[node] = found
    return found


@dataclass
class _Run:
    """One run of a generator's body: its frame, and where the run started (the path guesses
    and loops already open then belong to the consumer)."""

    gen: GenVal
    need: int | None  # stop once this many values are known one by one (`next(gen)`)
    frame: Frame | None = None
    guesses: int = 0
    loops: int = 0
    stopped: bool = False


class _Stop(BaseException):
    """A run reached the value `next(gen)` asked for: the body stops there (a BaseException:
    the interpreter's per-statement guard lets it pass)."""

    def __init__(self, run: _Run, state: State) -> None:
        super().__init__()
        self.run = run
        self.state = state


class Generators(InterpreterBase):
    _runs: tuple[_Run, ...] = ()  # the runs under way, innermost last
    _starting: _Run | None = None  # the run whose body `_invoke` is about to enter

    def is_generator_function(self, func: FuncVal) -> bool:
        node = func.node
        return (
            isinstance(node, ast.FunctionDef)
            and self._mentions_yield(func, node)
            and yields_in(node)
            and not _is_generator_context(func, self.imports)  # `with helper():` runs it
        )

    def _mentions_yield(self, func: FuncVal, node: ast.FunctionDef) -> bool:
        """The word `yield` appears in the function's lines: a scan of its text, several
        times cheaper than walking its tree, rules out most functions (called for every
        call the analysis inlines)."""
        scope = func.module if func.module is not None else self.main_scope
        lines: list[str] | None = getattr(getattr(scope, "src", None), "lines", None)
        end = node.end_lineno
        if lines is None or end is None or end > len(lines):
            return True  # no text to read: the tree decides
        return any("yield" in lines[i] for i in range(node.lineno - 1, end))

    def _invoke(
        self,
        func: FuncVal,
        args: list[Value],
        kwargs: dict[str, Value],
        node: ast.AST,
        state: State,
        self_obj: ModuleObj | None,
    ) -> Value:
        if self.is_generator_function(func):
            return GenVal(func, list(args), dict(kwargs), node, self_obj, scope=self.scope)
        return super()._invoke(func, args, kwargs, node, state, self_obj)  # type: ignore[safe-super]

    def _run_body(self, func: FuncVal, state: State) -> State:
        run = self._starting
        if run is None or run.gen.func.node is not func.node:
            return super()._run_body(func, state)  # type: ignore[safe-super]
        self._starting = None
        run.frame, run.guesses, run.loops = self.frame, self.path_guesses, len(self.loop_exit_stack)
        self._runs = (*self._runs, run)
        try:
            return super()._run_body(func, state)  # type: ignore[safe-super]
        except _Stop as stop:
            if stop.run is not run:
                raise
            run.stopped = True
            return stop.state  # the flow where the body stopped
        finally:
            self._runs = self._runs[:-1]

    def _run(self, gen: GenVal, need: int | None, state: State) -> None:
        """Run the generator's body from its start, in `state`'s flow (as a call made where it
        was made), collecting what it yields into `gen`."""
        run = _Run(gen, need)
        gen.items, gen.rest = [], None
        self._touch(gen)
        self._starting = run
        scope = gen.scope if isinstance(gen.scope, ModuleScope) else self.scope
        try:
            with self.in_scope(scope):
                result = super()._invoke(  # type: ignore[safe-super]
                    gen.func, gen.args, gen.kwargs, gen.node, state, gen.self_obj
                )
        finally:
            self._starting = None
        if run.frame is None:  # not followed (too deep, recursive): values not known
            gen.rest = result if isinstance(result, TensorVal) else UNKNOWN
        gen.ran = not run.stopped

    def _values(
        self, gen: GenVal, state: State, need: int | None = None
    ) -> tuple[list[Value], Value | None]:
        """What the generator gives from now on: values known one by one, then the join of
        those not known so (None: there are none)."""
        if not gen.ran:
            self._run(gen, need if gen.taken == 0 else None, state)
        return gen.items[gen.taken :], gen.rest

    def drained(self, value: Value, node: ast.AST, state: State) -> Value:
        """A generator consumed whole, as a sequence: a tuple while its values are known one
        by one, else a sequence of their join; any other value as it is."""
        if not isinstance(value, GenVal):
            return value
        items, rest = self._values(value, state)
        if rest is None:
            return TupleVal(tuple(items))
        return SeqVal(_join_items([*items, rest]))

    def generator_step(self, name: str, args: list[Value], node: ast.Call, state: State) -> Value:
        """`next(gen[, default])`, `iter(gen)`, `list(gen)`, `tuple(gen)`."""
        gen = args[0]
        assert isinstance(gen, GenVal)
        if name == "iter":
            return gen
        if name == "next":
            default = args[1] if len(args) > 1 else None
            items, rest = self._values(gen, state, need=gen.taken + 1)
            gen.taken += 1
            if items:
                return items[0]
            if rest is None:  # exhausted: StopIteration, or the default
                return default if default is not None else UNKNOWN
            return _join_items([rest, default]) if default is not None else rest
        items, rest = self._values(gen, state)
        if rest is not None:
            return SeqVal(_join_items([*items, rest]))
        if name == "tuple":
            return TupleVal(tuple(items))
        lst = ListObj()
        for item in items:
            lst.add(item)
        return lst

    def eval_yield(self, node: ast.Yield | ast.YieldFrom, state: State, stmt: ast.stmt) -> Value:
        """`yield v` gives v to the run of the generator this frame is (nothing is sent back
        in: the value of the expression is not known); `yield from xs` gives xs's values."""
        runs = self._runs
        run = runs[-1] if runs and self.frames and runs[-1].frame is self.frame else None
        if isinstance(node, ast.Yield):
            value = self.eval(node.value, state, stmt) if node.value is not None else ConstVal(None)
            if run is not None:
                self._give(run, [value], None, state)
            return UNKNOWN
        source = self.eval(node.value, state, stmt)
        if isinstance(source, GenVal):
            need = None
            if run is not None and run.need is not None and self._sure(run):
                need = max(run.need - len(run.gen.items), 1)
            items, rest = self._values(source, state, need)
        else:
            known = _sequence_items(source)
            items, rest = (known, None) if known is not None else ([], None)
            if known is None:
                rest = self.element_of(source, node.value, state)
        if run is not None:
            self._give(run, items, rest, state)
        return UNKNOWN

    def _sure(self, run: _Run) -> bool:
        """The run reached this point on a sure path: what it yields here comes next."""
        assert run.frame is not None
        return (
            run.gen.rest is None
            and self.path_guesses == run.guesses
            and not run.frame.returns  # no path has returned early
            and not any(e.breaks or e.continues for e in self.loop_exit_stack[run.loops :])
        )

    def _give(self, run: _Run, items: list[Value], rest: Value | None, state: State) -> None:
        gen = run.gen
        sure = self._sure(run)
        for item in items:
            if sure and len(gen.items) < MAX_GENERATOR_ITEMS:
                gen.items.append(item)
            else:
                gen.rest = item if gen.rest is None else _join_items([gen.rest, item])
        if rest is not None:
            gen.rest = rest if gen.rest is None else _join_items([gen.rest, rest])
        if run.need is not None and gen.rest is None and len(gen.items) >= run.need:
            raise _Stop(run, state)

    def element_of(self, iterable: Value, node: ast.expr, state: State) -> Value:
        return super().element_of(self.drained(iterable, node, state), node, state)  # type: ignore[safe-super]

    def unpack(self, value: Value, n: int, node: ast.AST, state: State) -> list[Value]:
        return super().unpack(self.drained(value, node, state), n, node, state)  # type: ignore[safe-super]

    def _eval_args(
        self, node: ast.Call, state: State, stmt: ast.stmt
    ) -> tuple[list[Value], dict[str, Value]]:
        args, kwargs = super()._eval_args(node, state, stmt)  # type: ignore[safe-super]
        if any(
            isinstance(v, GenVal) for v in (*args, *kwargs.values())
        ) and self._iterates_arguments(node, state):
            args = [self.drained(a, node, state) for a in args]
            kwargs = {k: self.drained(v, node, state) for k, v in kwargs.items()}
        return args, kwargs

    def _iterates_arguments(self, node: ast.Call, state: State) -> bool:
        """A call that may iterate a generator given to it: torch, a library, a layer, a
        method we do not follow. Not the user's own functions, classes and methods (they get
        the generator as it is and consume it where their code says), nor builtins (calls.py
        steps through a generator given to one)."""
        func = node.func
        if isinstance(func, ast.Name):
            callee = self.lookup(func.id, state)
            if callee is UNKNOWN:
                return self.imports.qualify(func) is not None
        elif isinstance(func, ast.Attribute):
            callee = self.eval_quiet(func, state)
        else:
            return True
        if isinstance(callee, BoundMethod):
            obj = callee.obj
            user = isinstance(obj, ModuleObj) and obj.cls is not None
            return not (user and callee.name in obj.cls.methods)  # type: ignore[union-attr]
        return not isinstance(callee, (FuncVal, ClassVal, PartialVal))


def _sequence_items(value: Value) -> list[Value] | None:
    """The items of a sequence known one by one (what `yield from` over it gives in order)."""
    if isinstance(value, ListObj):
        if value.ordered and len(value.items) < ListObj.MAX_ITEMS:
            return list(value.items)
        return None
    if isinstance(value, TupleVal):
        return list(value.items)
    return _known_items(value)


def _join_items(values: list[Value]) -> Value:
    """Any one of the values (layers of one kind stand for each other)."""
    out = values[0]
    for value in values[1:]:
        out = _join_alike(out, value)
    return out
