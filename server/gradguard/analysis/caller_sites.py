"""Whether a caller can see an in-place write to a function's parameter.

Why: `x += y` on a parameter `x` changes the caller's tensor; rewritten out of place
(`x = x + y`) it only rebinds the parameter. The rewrite keeps what the program computes when no
caller reads, after the call, the tensor it passed: every call passes a temporary (`f(a * 2)`,
`block(self.emb(ids))`) or a name it does not read again (or rebinds from the call,
`h = f(h)`). That is proved here from the module's text, over every call site of the function;
where the call sites cannot all be found (the function is passed around, an instance of its
class is stored in a container), nothing is proved.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from .imports import dotted_name

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_FuncDef = ast.FunctionDef | ast.AsyncFunctionDef


def written_parameter(tree: ast.Module, stmt: ast.stmt, name: str) -> _FuncDef | None:
    """The innermost function around `stmt` when `name` is one of its parameters and nothing in
    it binds `name` before `stmt` (the write then reaches the caller's tensor itself)."""
    func = enclosing_function(tree, stmt)
    if func is None or name not in parameter_names(tree, func):
        return None
    for node in _own_nodes(func.body):
        if (
            isinstance(node, ast.Name)
            and node.id == name
            and not isinstance(node.ctx, ast.Load)
            and (node.lineno, node.col_offset) < (stmt.lineno, stmt.col_offset)
        ):
            return None
    return func


def enclosing_function(tree: ast.Module, stmt: ast.stmt) -> _FuncDef | None:
    funcs = [
        n
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and n.lineno < stmt.lineno <= (n.end_lineno or n.lineno)
    ]
    return max(funcs, key=lambda n: n.lineno) if funcs else None


def callers_never_see(tree: ast.Module, func: _FuncDef, param: str, depth: int = 0) -> bool:
    """Every call of `func` in the module passes, as `param`, a tensor the caller does not read
    afterwards (and, when the caller got it as its own parameter, neither do its callers);
    False when a call site may read it or the call sites cannot all be found."""
    if depth > 4:
        return False
    sites = _call_sites(tree, func)
    if not sites:
        return False
    return all(_argument_unseen(tree, func, call, param, depth) for call in sites)


def callers_read_after(tree: ast.Module, func: _FuncDef, param: str) -> bool:
    """Some call of `func` found in the module passes, as `param`, a tensor the caller reads
    afterwards (False where no call site is found: nothing says one reads it)."""
    sites = _call_sites(tree, func)
    return bool(sites) and not all(_argument_unseen(tree, func, c, param, 0) for c in sites or [])


# -- finding the call sites


def _call_sites(tree: ast.Module, func: _FuncDef) -> list[ast.Call] | None:
    owner = _owner_class(tree, func)
    if owner is None:
        if any(f is not func for f in _defs_named(tree, func.name)):
            return None  # another function of that name: the calls could be either's
        return _uses_only_called(tree, lambda n: isinstance(n, ast.Name) and n.id == func.name)
    if _is_static_or_class(func):
        return None
    if func.name == "forward" or func.name == "__call__":
        holders = _instance_holders(tree, owner)
        if holders is None:
            return None
        by_holder = _uses_only_called(
            tree, lambda n: dotted_name(n) in holders, allow_store=True, holders=holders
        )
        direct = _uses_only_called(
            tree, lambda n: isinstance(n, ast.Attribute) and n.attr == func.name
        )
        if by_holder is None or direct is None:
            return None
        return by_holder + direct
    if any(
        isinstance(n, _FuncDef) and n is not func and n.name == func.name for n in ast.walk(tree)
    ):
        return None  # another class's method of that name
    return _uses_only_called(tree, lambda n: isinstance(n, ast.Attribute) and n.attr == func.name)


def _uses_only_called(
    tree: ast.Module,
    matches: object,
    allow_store: bool = False,
    holders: set[str] | None = None,
) -> list[ast.Call] | None:
    """The calls `f(...)` of every expression `matches` picks out; None when one is used
    otherwise (passed, stored, returned: it may be called where this cannot see)."""
    assert callable(matches)
    called: dict[int, ast.Call] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and matches(node.func):
            called[id(node.func)] = node
    calls: list[ast.Call] = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Name, ast.Attribute)) or not matches(node):
            continue
        if id(node) in called:
            calls.append(called[id(node)])
        elif allow_store and not isinstance(node.ctx, ast.Load):
            continue  # `self.block = Block(...)`: the holder itself
        elif isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            continue
        else:
            return None
    return calls


def _instance_holders(tree: ast.Module, owner: ast.ClassDef) -> set[str] | None:
    """The names and attribute chains assigned an instance of `owner` (`self.block =
    Block(...)`, `net = Block()`); None when the class is used in any other way (a subclass, an
    instance made inside a container, the class passed around)."""
    holders: set[str] = set()
    constructed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_class_call(node.value, owner.name):
            if len(node.targets) != 1 or dotted_name(node.targets[0]) is None:
                return None
            holders.add(dotted_name(node.targets[0]) or "")
            assert isinstance(node.value, ast.Call)
            constructed.add(id(node.value.func))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == owner.name and id(node) not in constructed:
            return None
    return holders or None


def _is_class_call(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


# -- one call site


def _argument_unseen(
    tree: ast.Module, func: _FuncDef, call: ast.Call, param: str, depth: int
) -> bool:
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return False  # `f(*args, **kw)`: which argument is `param` is not known
    arg = _argument_for(tree, func, call, param)
    if arg is None:
        return _default_constant(func, param)
    if isinstance(arg, ast.Subscript) or isinstance(arg, ast.Starred):
        return False  # a view of something the caller holds
    text = dotted_name(arg)
    if text is None:
        return True  # a temporary: nobody else holds it
    scope, stmt, loop = _site_context(tree, call)
    if stmt is None:
        return False
    if isinstance(arg, ast.Name):
        outer = written_parameter(tree, stmt, arg.id)
        if outer is not None and not callers_never_see(tree, outer, arg.id, depth + 1):
            return False  # the caller's own parameter: its callers may read it
    rebinds = isinstance(stmt, ast.Assign) and any(
        dotted_name(t) == text for tgt in stmt.targets for t in ast.walk(tgt)
    )
    if loop is not None and not rebinds and not _bound_before(loop, call, text):
        return False  # the next round of the loop passes the tensor this call changed
    for node in _own_nodes(scope):
        if not isinstance(node, (ast.Name, ast.Attribute)) or dotted_name(node) != text:
            continue
        if _inside(node, call):
            continue
        if isinstance(node.ctx, ast.Load) and _is_aliasing(scope, node):
            return False  # `y = h`, `[h]`: another name may hold the tensor
        after = (node.lineno, node.col_offset) > (call.lineno, call.col_offset)
        if not isinstance(node.ctx, ast.Load) or rebinds:
            continue
        if after or (loop is not None and _inside(node, loop)):
            return False  # read after the call, or by the next round of the loop
    return True


def _argument_for(tree: ast.Module, func: _FuncDef, call: ast.Call, param: str) -> ast.expr | None:
    positional = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    if _is_method(tree, func):
        positional = positional[1:]
    for kw in call.keywords:
        if kw.arg == param:
            return kw.value
    if param in positional:
        index = positional.index(param)
        if index < len(call.args):
            return call.args[index]
    return None


def _bound_before(loop: ast.AST, call: ast.Call, text: str) -> bool:
    """The loop body binds `text` anew before `call` (each round passes a fresh tensor)."""
    body = getattr(loop, "body", [])
    return any(
        isinstance(n, (ast.Name, ast.Attribute))
        and not isinstance(n.ctx, ast.Load)
        and dotted_name(n) == text
        and (n.lineno, n.col_offset) < (call.lineno, call.col_offset)
        for n in _own_nodes(body)
    )


def _default_constant(func: _FuncDef, param: str) -> bool:
    """`param` left out at a call gets its default: a constant (`mask=None`) is no tensor a
    caller holds."""
    a = func.args
    positional = [*a.posonlyargs, *a.args]
    pairs = list(zip(positional[len(positional) - len(a.defaults) :], a.defaults, strict=True))
    pairs += [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None]
    return any(arg.arg == param and isinstance(d, ast.Constant) for arg, d in pairs)


def _site_context(
    tree: ast.Module, call: ast.Call
) -> tuple[list[ast.stmt], ast.stmt | None, ast.AST | None]:
    """The statements of the scope around `call` (its function, or the module's top level), the
    statement holding it, and the innermost loop around it within that scope."""
    funcs = [
        n
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and n.lineno < call.lineno <= (n.end_lineno or n.lineno)
    ]
    scope = max(funcs, key=lambda n: n.lineno).body if funcs else tree.body
    stmt: ast.stmt | None = None
    loop: ast.AST | None = None
    for node in _own_nodes(scope):
        if isinstance(node, ast.stmt) and _inside(call, node):
            if stmt is None or node.lineno >= stmt.lineno:
                stmt = node if not isinstance(node, _COMPOUND) else stmt
            if isinstance(node, (ast.For, ast.While, ast.AsyncFor)):
                if loop is None or node.lineno >= getattr(loop, "lineno", 0):
                    loop = node
    return scope, stmt, loop


_COMPOUND = (ast.For, ast.While, ast.AsyncFor, ast.If, ast.With, ast.AsyncWith, ast.Try)


def _is_aliasing(scope: list[ast.stmt], node: ast.expr) -> bool:
    """`node` is bound to another name or stored in a container as it is (not through an op)."""
    for parent in _own_nodes(scope):
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
            return True
        if isinstance(parent, (ast.List, ast.Tuple, ast.Set)) and node in parent.elts:
            return True
        if isinstance(parent, ast.Dict) and node in parent.values:
            return True
        if (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Attribute)
            and parent.func.attr in ("append", "extend", "insert", "add", "setdefault")
            and node in parent.args
        ):
            return True
    return False


# -- small helpers


def _own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of `body`, not descending into nested functions, lambdas or classes."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _inside(node: ast.AST, outer: ast.AST) -> bool:
    start = (getattr(outer, "lineno", 0), getattr(outer, "col_offset", 0))
    end = (getattr(outer, "end_lineno", 0), getattr(outer, "end_col_offset", 0))
    here = (getattr(node, "lineno", -1), getattr(node, "col_offset", -1))
    return start <= here < end


def parameter_names(tree: ast.Module, func: _FuncDef) -> list[str]:
    a = func.args
    names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
    return names[1:] if _is_method(tree, func) else names


def _defs_named(tree: ast.Module, name: str) -> list[_FuncDef]:
    return [n for n in ast.walk(tree) if isinstance(n, _FuncDef) and n.name == name]


def _owner_class(tree: ast.Module, func: _FuncDef) -> ast.ClassDef | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and func in node.body:
            return node
    return None


def _is_static_or_class(func: _FuncDef) -> bool:
    return any(
        isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
        for d in func.decorator_list
    )


def _is_method(tree: ast.Module, func: _FuncDef) -> bool:
    """Defined directly in a class body and not static: its first parameter is the instance."""
    return _owner_class(tree, func) is not None and not _is_static_or_class(func)


def returns_parameter(func: _FuncDef, param: str) -> bool:
    """Does `func` hand `param` back (`return feats`, `return x, feats`, a dict holding it)?"""
    for node in ast.walk(func):
        if isinstance(node, ast.Return) and node.value is not None:
            if any(isinstance(n, ast.Name) and n.id == param for n in ast.walk(node.value)):
                return True
    return False
