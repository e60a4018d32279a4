"""Whether a definition's augmented and subscript assignments can write a tensor.

Why: the text scan of `mutation_reach` counts every `x += ...` and `d[k] = ...` as a write,
because text cannot say what `x` or `d` holds. Most such statements in real code are counters
(`step += 1`, `total += loss.item()`), string and list building (`names += [...]`) and dict
or list filling (`out[key] = value` into `out = {}`): none of them can modify a tensor, yet
each made its function worth a full analysis on its own. This module reads the function's
syntax tree and proves, for such a statement, that its receiver is a local name that only
ever holds a Python number, string, or a list/dict/set it made itself. Anything it cannot
prove (a parameter, a global, an attribute, a nested subscript, an operand that may be a
tensor) is still a possible write: it only ever removes statements that cannot write.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from enum import Enum

# calls whose result is a Python number or string whatever their argument
_SCALAR_FUNCTIONS = frozenset({"len", "int", "float", "str", "bool", "repr", "format", "ord"})
# methods whose result is a Python number (a tensor's `.item()`, sizes, counts, string methods)
_SCALAR_METHODS = frozenset(
    {"item", "numel", "nelement", "dim", "ndimension", "element_size", "join", "format"}
)
# modules whose functions return Python numbers (`time.time()`, `math.sqrt(...)`)
_SCALAR_MODULES = frozenset({"time", "math"})
# calls that make a new Python container
_CONTAINER_FUNCTIONS = frozenset(
    {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
)
# numpy constructors of a new array (never a view of a tensor, unlike `np.asarray`)
_NUMPY_NEW = frozenset({"zeros", "ones", "empty", "full", "arange", "eye", "linspace"})
_NUMPY_NAMES = frozenset({"np", "numpy"})
_CONTAINER_NODES = (ast.List, ast.ListComp, ast.Dict, ast.DictComp, ast.Set, ast.SetComp)


class Kind(Enum):
    SCALAR = "scalar"  # a Python number or string
    CONTAINER = "container"  # a list, dict or set made in the function
    OTHER = "other"  # anything else, or not known


def may_write_tensor(node: ast.AST, text: str) -> bool:
    """Whether an augmented or subscript assignment in `node` (a function, class or any
    statement) may write a tensor. Other kinds of writes are not looked at: the caller
    asks only when the text held no other kind. `text` is the node's source: an assignment
    expression (`:=`) binds names the statements do not show, and answers yes."""
    if ":=" in text:
        return True
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return _scope_may_write(node.args, node.body)
    if isinstance(node, ast.ClassDef):
        return any(may_write_tensor(part, "") for part in node.body)
    if isinstance(node, ast.stmt):
        return _scope_may_write(None, [node])
    return False  # an expression holds no assignment


def _scope_may_write(args: ast.arguments | None, body: list[ast.stmt]) -> bool:
    """`args` None: statements at module (or class) level, where a name may be bound by
    any other statement: nothing is known of it."""
    scope = _Scope(args, body)
    for stmt in _statements(body):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if may_write_tensor(stmt, ""):
                return True
            continue
        if isinstance(stmt, ast.AugAssign):
            if not scope.augmented_is_plain(stmt):
                return True
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                for sub in _subscripts_in(target):
                    if not scope.subscript_is_plain(sub):
                        return True
    return False


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement of the scope, nested blocks included, nested definitions yielded but
    not entered (they are their own scopes)."""
    stack = list(reversed(body))
    while stack:
        stmt = stack.pop()
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        children: list[ast.stmt] = []
        for field_name in ("body", "orelse", "finalbody"):
            children.extend(getattr(stmt, field_name, ()) or ())
        for handler in getattr(stmt, "handlers", ()) or ():
            children.extend(handler.body)
        for case in getattr(stmt, "cases", ()) or ():
            children.extend(case.body)
        stack.extend(reversed(children))


def _subscripts_in(target: ast.expr) -> Iterator[ast.Subscript]:
    if isinstance(target, ast.Subscript):
        yield target
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _subscripts_in(element)
    elif isinstance(target, ast.Starred):
        yield from _subscripts_in(target.value)


class _Scope:
    """The bindings of one function (or module-level statement) by name: what each name
    can hold, from every statement that binds it."""

    def __init__(self, args: ast.arguments | None, body: list[ast.stmt]) -> None:
        # name -> the expressions bound to it (None: bound to something not known)
        self._bindings: dict[str, list[ast.expr | None]] = {}
        self._kinds: dict[str, Kind] = {}
        # at module level every name may also be bound elsewhere (other statements, other
        # functions through `global`): nothing is known of a name there
        self._is_module = args is None
        if args is not None:
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                self._bind(arg.arg, None)
            # `*args` is a tuple and `**kwargs` a dict the call made: neither is a tensor
            for extra in (args.vararg, args.kwarg):
                if extra is not None:
                    self._bind(extra.arg, ast.Dict(keys=[], values=[]))
        for stmt in _statements(body):
            self._collect(stmt)

    def _bind(self, name: str, value: ast.expr | None) -> None:
        self._bindings.setdefault(name, []).append(value)

    def _bind_target(self, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            self._bind(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._bind_target(element, None)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, None)

    def _collect(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                self._bind_target(target, stmt.value)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self._bind_target(stmt.target, stmt.value)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            self._bind_loop_target(stmt.target, stmt.iter)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                if item.optional_vars is not None:
                    self._bind_target(item.optional_vars, None)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                self._bind((alias.asname or alias.name).split(".")[0], None)
        elif isinstance(stmt, (ast.Global, ast.Nonlocal)):
            for name in stmt.names:
                self._bind(name, None)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self._bind(stmt.name, None)
            return
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            for handler in getattr(stmt, "handlers", ()):
                if handler.name:
                    self._bind(handler.name, None)
        elif type(stmt).__name__ == "Match":
            for case in getattr(stmt, "cases", ()):
                for sub in ast.walk(case.pattern):
                    bound = getattr(sub, "name", None)
                    if isinstance(bound, str):
                        self._bind(bound, None)

    def _bind_loop_target(self, target: ast.expr, iterable: ast.expr) -> None:
        call = iterable if isinstance(iterable, ast.Call) else None
        name = _called_name(call) if call is not None else None
        if name == "range" and isinstance(target, ast.Name):
            self._bind(target.id, ast.Constant(0))
        elif (
            name == "enumerate"
            and isinstance(target, ast.Tuple)
            and len(target.elts) == 2
            and isinstance(target.elts[0], ast.Name)
        ):
            self._bind(target.elts[0].id, ast.Constant(0))
            self._bind_target(target.elts[1], None)
        else:
            self._bind_target(target, None)

    def kind_of_name(self, name: str, visiting: frozenset[str] = frozenset()) -> Kind:
        if self._is_module or name in visiting:
            return Kind.OTHER
        known = self._kinds.get(name)
        if known is not None:
            return known
        values = self._bindings.get(name)
        kind = Kind.OTHER
        if values and all(v is not None for v in values):
            kinds = {self.kind_of(v, visiting | {name}) for v in values if v is not None}
            if len(kinds) == 1:
                kind = kinds.pop()
        if not visiting:
            self._kinds[name] = kind
        return kind

    def kind_of(self, expr: ast.expr, visiting: frozenset[str] = frozenset()) -> Kind:
        if isinstance(expr, ast.Constant):
            return Kind.OTHER if expr.value is None else Kind.SCALAR
        if isinstance(expr, ast.JoinedStr):
            return Kind.SCALAR
        if isinstance(expr, _CONTAINER_NODES):
            return Kind.CONTAINER
        if isinstance(expr, ast.Name):
            return self.kind_of_name(expr.id, visiting)
        if isinstance(expr, ast.UnaryOp):
            return self.kind_of(expr.operand, visiting)
        if isinstance(expr, ast.BinOp):
            left = self.kind_of(expr.left, visiting)
            right = self.kind_of(expr.right, visiting)
            return left if left == right and left is not Kind.OTHER else Kind.OTHER
        if isinstance(expr, ast.Subscript) and _is_shape(expr.value):
            return Kind.SCALAR  # `x.shape[0]`
        if isinstance(expr, ast.Call):
            return _kind_of_call(expr)
        return Kind.OTHER

    def augmented_is_plain(self, stmt: ast.AugAssign) -> bool:
        """`n op= value` with `n` a local that only holds a number or string (and a number or
        string added), or a container it made (list `+=` extends the list)."""
        target = stmt.target
        if not isinstance(target, ast.Name):
            return False
        kind = self.kind_of_name(target.id)
        if kind is Kind.CONTAINER:
            return True
        return kind is Kind.SCALAR and self.kind_of(stmt.value) is Kind.SCALAR

    def subscript_is_plain(self, target: ast.Subscript) -> bool:
        """`d[k] = v` with `d` a local bound only to a list, dict or set made here."""
        base = target.value
        return isinstance(base, ast.Name) and self.kind_of_name(base.id) is Kind.CONTAINER


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _kind_of_call(call: ast.Call) -> Kind:
    func = call.func
    if isinstance(func, ast.Name):
        if func.id in _SCALAR_FUNCTIONS:
            return Kind.SCALAR
        if func.id in _CONTAINER_FUNCTIONS:
            return Kind.CONTAINER
        return Kind.OTHER
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id in _SCALAR_MODULES:
            return Kind.SCALAR
        if isinstance(func.value, ast.Name) and func.value.id in _NUMPY_NAMES:
            return Kind.CONTAINER if func.attr in _NUMPY_NEW else Kind.OTHER
        if isinstance(func.value, ast.Name) and func.value.id == "collections":
            return Kind.CONTAINER if func.attr in _CONTAINER_FUNCTIONS else Kind.OTHER
        if func.attr in _SCALAR_METHODS:
            return Kind.SCALAR
        if func.attr == "size" and call.args:
            return Kind.SCALAR  # `x.size(0)`
    return Kind.OTHER


def _is_shape(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr == "shape"
