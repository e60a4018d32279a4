"""Fixes for an in-place write inside a forward hook (`register_forward_hook(hook)`), where the
hook's arguments are tensors autograd saved.

A forward hook runs after the module's forward and may replace the module's result by returning
a new value (the documented way, pytorch#74024). So:

- a write to the hook's `output` (`output.mul_(0.5)`) becomes `output = output.mul(0.5)` with
  `return output` at the end of the hook: what the rest of the model receives has the same
  values, and the tensor the module saved for backward is left alone. Safe.
- a write to one of its `inputs` (`inputs[0].mul_(0.5)`) never changed the module's result (its
  forward had already run); what it did reach is the saved input. Rescaling the input is what a
  forward *pre*-hook does by returning new inputs, so the hook becomes one: registered with
  `register_forward_pre_hook`, without the `output` argument, returning the rebuilt inputs
  tuple. Unsafe: the module now computes with the new input.

Offered for a plain function with exactly the three positional parameters, registered once in
the file by `<module>.register_forward_hook(<name>)` (no keywords) and not used otherwise,
whose body has no `return`/`yield`, rebinds neither argument, and (for the input case) never
reads `output`.
"""

from __future__ import annotations

import ast

from ..optable.table import OpTable
from .findings import Fix, Span, TextEdit
from .spans import SourceMap

_AUG = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_HOOK_REGISTRATION = "register_forward_hook"


def _enclosing_def(tree: ast.Module, stmt: ast.stmt) -> ast.FunctionDef | None:
    defs = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef) and n.lineno < stmt.lineno <= (n.end_lineno or 0)
    ]
    return max(defs, key=lambda n: n.lineno) if defs else None


def _own_nodes(func: ast.FunctionDef) -> list[ast.AST]:
    """The nodes of the function's body, not those of functions or lambdas defined in it."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = list(func.body)
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def _registration(tree: ast.Module, func: ast.FunctionDef) -> ast.Call | None:
    """The one `<module>.register_forward_hook(<func>)` call, where the name is used nowhere
    else (so its signature may change)."""
    calls: list[ast.Call] = []
    uses = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == func.name:
            uses += 1
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == _HOOK_REGISTRATION
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == func.name
        ):
            calls.append(node)
    if len(calls) != 1 or uses != 1:
        return None
    defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == func.name]
    return calls[0] if len(defs) == 1 else None


def _plain_hook(func: ast.FunctionDef, write: ast.stmt) -> tuple[str, str, str] | None:
    a = func.args
    if a.posonlyargs or a.vararg or a.kwarg or a.kwonlyargs or a.defaults or len(a.args) != 3:
        return None
    if func.decorator_list:
        return None
    names = (a.args[0].arg, a.args[1].arg, a.args[2].arg)
    own = _own_nodes(func)
    if any(isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom)) for n in own):
        return None
    written = write.target if isinstance(write, ast.AugAssign) else None
    if any(
        isinstance(n, ast.Name)
        and n.id in names[1:]
        and not isinstance(n.ctx, ast.Load)
        and n is not written
        for n in own
    ):
        return None  # an argument rebound in the body (other than by the write itself)
    return names


def _out_of_place(stmt: ast.stmt, src: SourceMap, table: OpTable) -> tuple[ast.expr, str] | None:
    """(what is written, its out-of-place value) for `r.op_(args)` or `r op= v`."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        if not isinstance(call.func, ast.Attribute) or not call.func.attr.endswith("_"):
            return None
        method = call.func.attr[:-1]
        if method == "zero" or table.lookup(f"Tensor.{method}") is None:
            return None
        receiver = call.func.value
        args = src.full_text(call)[len(src.full_text(call.func)) :]
        return receiver, f"{src.full_text(receiver)}.{method}{args}"
    if isinstance(stmt, ast.AugAssign) and type(stmt.op) in _AUG:
        symbol = _AUG[type(stmt.op)]
        value = src.full_text(stmt.value)
        if not isinstance(stmt.value, (ast.Constant, ast.Name, ast.Attribute, ast.Call)):
            value = f"({value})"
        return stmt.target, f"{src.full_text(stmt.target)} {symbol} {value}"
    return None


def _append_return(src: SourceMap, func: ast.FunctionDef, value: str) -> TextEdit | None:
    last = func.body[-1]
    end = last.end_lineno or last.lineno
    indent = src.lines[func.body[0].lineno - 1][: func.body[0].col_offset]
    if src.lines[func.body[0].lineno - 1][: func.body[0].col_offset].strip():
        return None  # `def f(...): body` on one line
    text = f"{indent}return {value}\n"
    if end < len(src.lines):
        return TextEdit(Span(end + 1, 0, end + 1, 0, src.path), text)
    close = len(src.lines[end - 1].rstrip("\r\n"))
    return TextEdit(Span(end, close, end, close, src.path), "\n" + text.rstrip("\n"))


def _alone_on_its_lines(src: SourceMap, stmt: ast.stmt) -> bool:
    first, last = stmt.lineno, stmt.end_lineno or stmt.lineno
    rest = src.lines[last - 1][stmt.end_col_offset or 0 :].strip()
    return not src.lines[first - 1][: stmt.col_offset].strip() and (
        not rest or rest.startswith("#")
    )


def forward_hook_fix(
    src: SourceMap, tree: ast.Module, table: OpTable, stmt: ast.stmt
) -> Fix | None:
    """The fix for the write `stmt` (a statement of `tree`) inside a forward hook, or None."""
    func = _enclosing_def(tree, stmt)
    if func is None or not _alone_on_its_lines(src, stmt):
        return None
    names = _plain_hook(func, stmt)
    if names is None:
        return None
    registration = _registration(tree, func)
    if registration is None:
        return None
    rewritten = _out_of_place(stmt, src, table)
    if rewritten is None:
        return None
    written, value = rewritten
    _, inputs, output = names
    if isinstance(written, ast.Name) and written.id == output:
        ret = _append_return(src, func, output)
        if ret is None:
            return None
        return Fix(
            f"Return the new output from the hook `{func.name}`: `{output} = {value}` "
            f"(line {stmt.lineno}) and `return {output}` at its end; the module's saved "
            f"result is left alone",
            (TextEdit(src.span(stmt), f"{output} = {value}"), ret),
        )
    if not (
        isinstance(written, ast.Subscript)
        and isinstance(written.value, ast.Name)
        and written.value.id == inputs
        and isinstance(written.slice, ast.Constant)
        and type(written.slice.value) is int
        and written.slice.value >= 0
    ):
        return None
    if any(isinstance(n, ast.Name) and n.id == output for n in _own_nodes(func)):
        return None  # a pre-hook has no output to read
    k = written.slice.value
    parts = [f"*{inputs}[:{k}]"] if k else []
    parts += [value, f"*{inputs}[{k + 1}:]"]
    ret = _append_return(src, func, inputs)
    second, third = func.args.args[1], func.args.args[2]
    if ret is None or second.end_lineno != third.end_lineno:
        return None
    drop_output = TextEdit(
        Span(
            second.end_lineno or second.lineno,
            src.span(second).end_col,
            third.end_lineno or third.lineno,
            src.span(third).end_col,
            src.path,
        ),
        "",
    )
    attr = src.span(registration.func)
    if attr.line != attr.end_line:
        return None
    start = attr.end_col - len(_HOOK_REGISTRATION)
    rename = TextEdit(
        Span(attr.end_line, start, attr.end_line, attr.end_col, src.path),
        "register_forward_pre_hook",
    )
    return Fix(
        f"Make `{func.name}` a forward pre-hook that returns the new inputs "
        f"(`register_forward_pre_hook` at line {attr.line}, `{inputs} = "
        f"({', '.join(parts)})`, `return {inputs}`) (unsafe: the module now computes with the "
        f"new input; a forward hook runs after the forward, so the write only reached what "
        f"backward saved)",
        (drop_output, TextEdit(src.span(stmt), f"{inputs} = ({', '.join(parts)})"), ret, rename),
        safe=False,
    )
