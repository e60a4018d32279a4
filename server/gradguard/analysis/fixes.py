"""Fix builders: text edits computed together with each finding.

Each builder returns None unless it can produce an edit it knows to be well-formed for the
exact statement shape; the test suite applies every offered fix and runs the result under
torch.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Callable, Collection
from dataclasses import replace
from itertools import pairwise

from ..optable.table import OpTable
from .caller_sites import (
    callers_never_see,
    callers_read_after,
    enclosing_function,
    parameter_names,
    returns_parameter,
    written_parameter,
)
from .findings import Fix, Span, TextEdit
from .hook_fix import forward_hook_fix
from .inference_region import inference_to_no_grad
from .leaf_rewrap import makes_leaf, needs_grad_meanwhile, rebinds_after, rewrap_after
from .line_layout import indent_unit, standalone
from .mutation_context import drop_context, join_previous_context
from .name_liveness import dead_after
from .no_grad_view import view_out_of_no_grad
from .spans import SourceMap
from .state import CallChain, Mutation, SaveRecord
from .step_order import (
    move_call_above,
    move_step_below_block,
    parting,
    parting_depth,
    repeat_forward_after,
    repeat_forward_after_step,
    repeat_forward_in_loop,
)
from .torch_api import FUNCTIONAL_INPLACE_ARG

_AUG_SYMBOLS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.MatMult: "@",
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
}
# In-place methods whose out-of-place spelling is not simply the name without `_`.
_SPECIAL_OUT_OF_PLACE = {"zero_": "{torch}.zeros_like({r})"}
_SIMPLE_TARGET = (ast.Name, ast.Attribute)


def _is_simple(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


class FixBuilder:
    """Builds the edits of each fix from the text of the file the rewritten code is in: the
    checked file, or (findings reached across modules) another module of the project."""

    def __init__(self, src: SourceMap, table: OpTable, torch_name: str | None) -> None:
        self.src = src
        self.table = table
        self.torch = torch_name
        self._sources: dict[str, tuple[SourceMap, str | None]] = {src.path: (src, torch_name)}
        self._trees: dict[str, ast.Module] = {}
        # a fix's safety was judged by the calls of the function around the write (found
        # anywhere in the module): an analysis kept per function (incremental.py) must not
        # be replayed after an edit elsewhere, where those calls may have changed
        self.read_callers = False

    def forget_caller_reads(self) -> None:
        """Start a unit of analysis: no fix judged by calls elsewhere yet (`read_callers`)."""
        self.read_callers = False

    def add_source(self, src: SourceMap, torch_name: str | None) -> None:
        """Another module's text (and its name for torch), for fixes located there."""
        self._sources[src.path] = (src, torch_name)

    def _use(self, path: str) -> None:
        self.src, self.torch = self._sources.get(path, (self.src, self.torch))

    # -- rewrites of the in-place statement itself

    def out_of_place(self, mut: Mutation) -> Fix | None:
        """The write rewritten out of place; unsafe when another name sees the written storage
        (a view, an alias): that name would no longer see the change. Inside a forward hook
        the new value is returned from the hook instead (hook_fix)."""
        if mut.frozen_holder:
            return None  # a named tuple's field: `state.h = ...` raises AttributeError
        hook = self._in_forward_hook(mut)
        if hook is not None:
            # the hook's return value is what the caller (the module call) goes on with
            if hook.safe and mut.aliased:
                return replace(hook, safe=False, title=f"{hook.title} (unsafe: {_ALIAS_NOTE})")
            return hook
        fix = self._out_of_place(mut)
        if fix is not None and mut.stmt is not None and self._binds_outer_name(fix, mut.stmt):
            return None
        if fix is not None and mut.aliased and not self._other_holders_dead(mut):
            return replace(fix, safe=False, title=f"{fix.title} (unsafe: {_ALIAS_NOTE})")
        if (
            fix is not None
            and (mut.caller_visible or self._rebinds_parameter(mut))
            and not self._unseen_by_callers(mut)
        ):
            return replace(fix, safe=False, title=f"{fix.title} (unsafe: {_CALLER_NOTE})")
        return fix

    def _other_holders_dead(self, mut: Mutation) -> bool:
        """The tensor is aliased only by other variables of the same function, none of which
        is read after the write (`x = features; x += conv(x)`, `features` next assigned
        afresh): rebinding the written name changes what nobody reads."""
        root = _written_root(mut)
        if mut.alias_names is None or root is None or mut.stmt is None:
            return False
        if self.src.path != mut.span.path:
            return False
        others = [n for n in mut.alias_names if n != root]
        if not others or any(not n.isidentifier() for n in others):
            return False
        return dead_after(self._tree(), mut.stmt, others)

    def _rebinds_parameter(self, mut: Mutation) -> bool:
        """The rewrite rebinds a bare name that is a parameter of the function around the
        write (`x /= norm` in `forward(self, x)`): whatever the flow facts say, the tensor
        the caller passed is what the write changed."""
        name = _written_root(mut)
        node = mut.node
        written: ast.AST | None = None
        if isinstance(node, ast.AugAssign):
            written = node.target
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            written = node.func.value
        elif isinstance(node, ast.Subscript):
            written = node
            while isinstance(written, ast.Subscript):
                written = written.value
        if name is None or mut.stmt is None or not isinstance(written, ast.Name):
            return False
        return written_parameter(self._tree(), mut.stmt, name) is not None

    def _in_forward_hook(self, mut: Mutation) -> Fix | None:
        if mut.stmt is None or mut.kind not in ("method", "augassign"):
            return None
        self._use(mut.span.path)
        if self.src.path != mut.span.path:
            return None
        found = self._block_of(mut.stmt)
        if found is None:
            return None
        block, index = found
        return forward_hook_fix(self.src, self._tree(), self.table, block[index])

    def _binds_outer_name(self, fix: Fix, stmt: ast.stmt) -> bool:
        """The rewrite assigns a name the function around `stmt` only reads (a module-level
        tensor, the enclosing function's): the assignment would make it local to the
        function, unbound where the function first reads it."""
        func = enclosing_function(self._tree(), stmt)
        if func is None:
            return False
        assigned: set[str] = set()
        for edit in fix.edits:
            if edit.span.line == stmt.lineno and edit.span.col > stmt.col_offset:
                # a piece inside the statement (`inplace=True` made `inplace=False`): an
                # expression's part, no statement of its own
                continue
            try:
                tree = ast.parse(textwrap.dedent(edit.new_text).strip())
            except SyntaxError:
                continue
            assigned |= {
                n.id
                for n in ast.walk(tree)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            }
        return bool(assigned - _local_names(func))

    def _unseen_by_callers(self, mut: Mutation) -> bool:
        """The write is to a parameter of the function around it, and no call of that function
        reads afterwards the tensor it passed (caller_sites)."""
        name = _written_root(mut)
        if name is None or mut.stmt is None or self.src.path != mut.span.path:
            return False
        self.read_callers = True
        tree = self._tree()
        func = written_parameter(tree, mut.stmt, name)
        if func is not None:
            return callers_never_see(tree, func, name)
        # rebound before the write (`x = self.proj(x)` through an identity) and still the
        # caller's tensor: which parameter it came from is not known here, so none may be seen
        func = enclosing_function(tree, mut.stmt)
        params = parameter_names(tree, func) if func is not None else []
        return (
            func is not None
            and all(callers_never_see(tree, func, param) for param in params)
            # `y = feats[k]; y.mul_(2)` in a function that returns `feats`: the caller reads
            # the written tensor through what it gets back
            and not any(returns_parameter(func, param) for param in params)
        )

    def _out_of_place(self, mut: Mutation) -> Fix | None:
        stmt, node = mut.stmt, mut.node
        if stmt is None or node is None:
            return None
        self._use(mut.span.path)
        if mut.kind == "augassign" and isinstance(stmt, ast.AugAssign):
            return self._augassign(stmt, mut.element)
        if mut.kind == "setitem" and isinstance(stmt, (ast.Assign, ast.AugAssign)):
            return self._clone_before_setitem(stmt, chained=not mut.element)
        if mut.kind in ("method",) and isinstance(stmt, ast.Expr) and stmt.value is node:
            return self._method(stmt, node)
        if mut.kind == "method" and isinstance(stmt, ast.Return) and stmt.value is node:
            return self._returned_method(stmt.value)
        if mut.kind == "method" and isinstance(stmt, ast.Assign) and stmt.value is node:
            return self._assigned_method(node)
        if mut.kind == "out" and isinstance(stmt, ast.Expr) and stmt.value is node:
            return self._drop_out(stmt, node)
        if (
            mut.kind == "out"
            and isinstance(stmt, ast.Assign)
            and stmt.value is node
            and len(stmt.targets) == 1
        ):
            # `y = op(a, out=c)` returns `c`: `y = c = op(a)` binds both to the result
            return self._drop_out(stmt, node, also=self.src.full_text(stmt.targets[0]))
        if mut.kind == "inplace_kw" and isinstance(node, ast.Call):
            return self._inplace_kw(stmt, node)
        return None

    def _augassign(self, stmt: ast.AugAssign, element: bool = False) -> Fix | None:
        symbol = _AUG_SYMBOLS.get(type(stmt.op))
        if symbol is None:
            return None
        if isinstance(stmt.target, ast.Subscript) and not element:
            return self._clone_before_setitem(stmt)
        if isinstance(stmt.target, ast.Subscript):
            # `laterals[i - 1] += up` on a list of tensors: rebind the element to the sum (the
            # container and index are read twice: only where that reads the same element)
            if not _is_simple(stmt.target.value) or not _side_effect_free(stmt.target.slice):
                return None
        elif not isinstance(stmt.target, _SIMPLE_TARGET) or not _is_simple(stmt.target):
            return None
        target = self.src.full_text(stmt.target)
        value = self.src.full_text(stmt.value)
        if isinstance(stmt.value, (ast.BinOp, ast.BoolOp, ast.IfExp, ast.Lambda, ast.Compare)):
            value = f"({value})"
        new = f"{target} = {target} {symbol} {value}"
        return Fix(
            f"Rewrite `{self.src.text(stmt)}` as `{_short(new)}`",
            (TextEdit(self.src.span(stmt), new),),
        )

    def _clone_before_setitem(
        self, stmt: ast.Assign | ast.AugAssign, chained: bool = False
    ) -> Fix | None:
        """`T = T.clone()` before `T[i] = v` (or `T[b][t] = v` where `chained`: the chain of
        indexes is known to start from a tensor, not a list)."""
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
        if isinstance(stmt, ast.Assign) and len(stmt.targets) != 1:
            return None
        if not isinstance(target, ast.Subscript):
            return None
        written = target.value
        while chained and isinstance(written, ast.Subscript) and _side_effect_free(written.slice):
            written = written.value  # `T[b][t] = v` writes into `T`
        if not _is_simple(written):
            return None
        base = self.src.full_text(written)
        span = self.src.span(stmt)
        # statements joined by `; ` where the write shares its line (`if m: y[0] = 0.0`)
        sep = (
            "\n" + self.src.indent_of(span.line)
            if not self.src.lines[span.line - 1][: span.col].strip()
            else "; "
        )
        value = stmt.value
        reads_base = any(
            self.src.full_text(n) == base
            for n in ast.walk(value)
            if isinstance(n, (ast.Name, ast.Attribute))
        )
        if not reads_base:
            insert = Span(span.line, span.col, span.line, span.col, span.path)
            return Fix(
                f"Clone `{base}` before writing into it",
                (TextEdit(insert, f"{base} = {base}.clone(){sep}"),),
            )
        if isinstance(stmt, ast.AugAssign):
            return None
        # The new value reads the old tensor: compute it first, then write into a copy.
        tmp = "new_" + "".join(ch if ch.isalnum() else "_" for ch in base).strip("_")
        target_text = self.src.full_text(target)
        new = (
            f"{tmp} = {self._value_text(value)}{sep}{base} = {base}.clone()"
            f"{sep}{target_text} = {tmp}"
        )
        return Fix(
            f"Write into a clone of `{base}` (computing the value first)", (TextEdit(span, new),)
        )

    def _value_text(self, value: ast.expr) -> str:
        """The source of an expression to stand on the right of a new assignment: in
        parentheses where it spans several lines (it may have stood in the parentheses of the
        old statement, which are not part of it)."""
        text = self.src.full_text(value)
        return f"({text})" if "\n" in text else text

    def _copied(self, call: ast.Call, r: str) -> str | None:
        """What `r.copy_(src)` leaves in `r`, made out of place: `src` in `r`'s dtype and
        device, broadcast to its shape, in storage of its own (`.to(r).expand_as(r).clone()`).
        The gradient reaches `src` as through the copy. Only for an attribute (a state slot,
        `self.value.copy_(new)`), which keeps the new tensor: a copy into a local name
        (`row.copy_(src)` over a buffer's rows) is done for the storage it writes, which a
        rebinding would leave unchanged."""
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        if not isinstance(receiver, ast.Attribute):
            return None
        if len(call.args) != 1 or isinstance(call.args[0], ast.Starred):
            return None
        if any(k.arg != "non_blocking" for k in call.keywords):
            return None
        src = call.args[0]
        text = self.src.full_text(src)
        if not isinstance(src, (ast.Name, ast.Attribute, ast.Call, ast.Subscript)):
            text = f"({text})"
        return f"{text}.to({r}).expand_as({r}).clone()"

    def _method(self, stmt: ast.Expr, call: ast.AST) -> Fix | None:
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            return None
        method = call.func.attr
        receiver = call.func.value
        args_text = self.src.full_text(call)[len(self.src.full_text(call.func)) :]
        if (
            method.endswith("_")
            and _is_simple(receiver)
            and not _is_torch_attr(receiver, self.torch)
        ):
            r = self.src.full_text(receiver)
            if method in _SPECIAL_OUT_OF_PLACE:
                if self.torch is None:
                    return None
                new = f"{r} = " + _SPECIAL_OUT_OF_PLACE[method].format(torch=self.torch, r=r)
            elif method == "copy_":
                copied = self._copied(call, r)
                if copied is None:
                    return None
                new = f"{r} = {copied}"
            elif self.table.lookup(f"Tensor.{method[:-1]}") is not None:
                new = f"{r} = {r}.{method[:-1]}{args_text}"
            else:
                return None
            return Fix(
                f"Rewrite `{_short(self.src.text(stmt))}` as `{_short(new)}`",
                (TextEdit(self.src.span(stmt), new),),
            )
        # torch.clamp_(y, 0, 1): the function form, through the name torch is imported as
        if (
            method.endswith("_")
            and call.args
            and _is_simple(call.args[0])
            and isinstance(receiver, ast.Name)
            and receiver.id == self.torch
            and method not in _SPECIAL_OUT_OF_PLACE
            and not any(isinstance(a, ast.Starred) for a in call.args)
            and self.table.lookup(f"Tensor.{method[:-1]}") is not None
        ):
            r = self.src.full_text(call.args[0])
            inner = ", ".join(self.src.full_text(a) for a in (*call.args, *call.keywords))
            new = f"{r} = {self.torch}.{method[:-1]}({inner})"
            return Fix(
                f"Rewrite `{_short(self.src.text(stmt))}` as `{_short(new)}`",
                (TextEdit(self.src.span(stmt), new),),
            )
        # torch.Tensor.add_(x, 1) spelled through the class
        if (
            method.endswith("_")
            and call.args
            and _is_simple(call.args[0])
            and isinstance(receiver, ast.Attribute)
            and receiver.attr == "Tensor"
        ):
            r = self.src.full_text(call.args[0])
            if self.table.lookup(f"Tensor.{method[:-1]}") is None:
                return None
            rest = ", ".join(self.src.full_text(a) for a in call.args[1:])
            kws = ", ".join(self.src.full_text(k) for k in call.keywords)
            inner = ", ".join(p for p in (rest, kws) if p)
            new = f"{r} = {r}.{method[:-1]}({inner})"
            return Fix(
                f"Rewrite `{_short(self.src.text(stmt))}` as `{_short(new)}`",
                (TextEdit(self.src.span(stmt), new),),
            )
        return None

    def _assigned_method(self, call: ast.AST) -> Fix | None:
        """`fea = branch(x).unsqueeze_(1)` -> `fea = branch(x).unsqueeze(1)`: the receiver is
        a temporary (a call's result) that only the assigned name holds afterwards, so the
        name gets the same values either way; out_of_place marks it unsafe where another
        holder (a module keeping its output) would see the difference."""
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            return None
        receiver = call.func.value
        if not isinstance(receiver, ast.Call):
            return None  # a named receiver would keep its old values: not the same program
        return self._returned_method(call, verb="Assign")

    def _returned_method(self, call: ast.AST, verb: str = "Return") -> Fix | None:
        """`return r.div_(s)` -> `return r.div(s)`: the function ends there, so only another
        holder of `r` (an alias, the caller) could see the difference; out_of_place marks
        those unsafe."""
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            return None
        method, receiver = call.func.attr, call.func.value
        if (
            not method.endswith("_")
            or method in _SPECIAL_OUT_OF_PLACE
            or not (_is_simple(receiver) or verb == "Assign")
            or _is_torch_attr(receiver, self.torch)
            or self.table.lookup(f"Tensor.{method[:-1]}") is None
        ):
            return None
        name_span = self.src.span(call.func)
        attr = Span(
            name_span.end_line,
            name_span.end_col - 1,
            name_span.end_line,
            name_span.end_col,
            name_span.path,
        )
        if self.src.segment(attr) != "_":
            return None
        text = self.src.full_text(call)
        cut = len(self.src.full_text(call.func)) - 1
        return Fix(
            f"{verb} `{_short(text[:cut] + text[cut + 1 :])}` (out of place)",
            (TextEdit(attr, ""),),
        )

    def _drop_out(self, stmt: ast.stmt, call: ast.AST, also: str | None = None) -> Fix | None:
        if not isinstance(call, ast.Call):
            return None
        out_kw = next((k for k in call.keywords if k.arg == "out"), None)
        if out_kw is None or not _is_simple(out_kw.value):
            return None
        target = self.src.full_text(out_kw.value)
        func = self.src.full_text(call.func)
        parts = [self.src.full_text(a) for a in call.args]
        parts += [self.src.full_text(k) for k in call.keywords if k is not out_kw]
        new = f"{target} = {func}({', '.join(parts)})"
        if also is not None:
            new = f"{also} = {new}"
        return Fix(f"Rewrite as `{_short(new)}` (no `out=`)", (TextEdit(self.src.span(stmt), new),))

    def out_into_view(self, mut: Mutation) -> Fix | None:
        """`op(a, out=x[:2])` -> `x[:2] = op(a)`: the result is copied into the same storage,
        now by an indexed assignment autograd records (safe: the same values land in the same
        place). Offered for a statement that is only that call, `out=` an index of a name or
        attribute chain by names, constants and arithmetic (read once either way)."""
        stmt, call = mut.stmt, mut.node
        if mut.kind != "out" or not isinstance(stmt, ast.Expr) or stmt.value is not call:
            return None
        if not isinstance(call, ast.Call):
            return None
        self._use(mut.span.path)
        out_kw = next((k for k in call.keywords if k.arg == "out"), None)
        if out_kw is None or not isinstance(out_kw.value, ast.Subscript):
            return None
        target = out_kw.value
        if not _is_simple(target.value) or not _side_effect_free(target.slice):
            return None
        if not self._own_lines(stmt):
            return None
        func = self.src.full_text(call.func)
        parts = [self.src.full_text(a) for a in call.args]
        parts += [self.src.full_text(k) for k in call.keywords if k is not out_kw]
        new = f"{self.src.full_text(target)} = {func}({', '.join(parts)})"
        return Fix(
            f"Rewrite as `{_short(new)}` (the result is copied into the same view, no `out=`)",
            (TextEdit(self.src.span(stmt), new),),
        )

    def _inplace_kw(self, stmt: ast.stmt, call: ast.Call) -> Fix | None:
        kw: ast.AST | None = next((k for k in call.keywords if k.arg == "inplace"), None)
        if kw is None:
            kw = _positional_inplace(call)  # `F.relu(h, True)`
        if kw is None:
            return None
        flag = "inplace=False" if isinstance(kw, ast.keyword) else "False"
        if (
            isinstance(stmt, ast.Expr)
            and stmt.value is call
            and call.args
            and _is_simple(call.args[0])
        ):
            # The call's effect was the in-place write: keep it as an assignment.
            target = self.src.full_text(call.args[0])
            text = self.src.full_text(call)
            kw_span = self.src.span(kw)
            call_span = self.src.span(call)
            if kw_span.line != call_span.line or call_span.line != call_span.end_line:
                return None
            rel = kw_span.col - call_span.col
            new_call = text[:rel] + flag + text[rel + kw_span.end_col - kw_span.col :]
            new = f"{target} = {new_call}"
            return Fix(f"Rewrite as `{_short(new)}`", (TextEdit(self.src.span(stmt), new),))
        return Fix(
            self._inplace_false_title(call, self.src.span(kw)),
            (TextEdit(self.src.span(kw), flag),),
        )

    def inplace_false_at(self, span: Span, keyword: bool, call: ast.AST | None = None) -> Fix:
        """`inplace=True` (or a positional True) written at `span`, maybe in another module."""
        return Fix(
            self._inplace_false_title(call, span),
            (TextEdit(span, "inplace=False" if keyword else "False"),),
        )

    def _inplace_false_title(self, call: ast.AST | None, span: Span) -> str:
        """`Set inplace=False on `nn.ReLU` (line 12)`: which layer, and where (the file too
        when it is another module's)."""
        owner = self._sources.get(span.path, (self.src, self.torch))[0]
        where = f"line {span.line}"
        if span.path and span.path != self.src.path:
            where += " of " + span.path.replace("\\", "/").rsplit("/", 1)[-1]
        if isinstance(call, ast.Call) and owner.path == span.path:
            around = owner.span(call)
            if (around.line, around.col) <= (span.line, span.col) and (
                span.end_line,
                span.end_col,
            ) <= (around.end_line, around.end_col):  # the constructor, not a call of the layer
                name = " ".join(owner.segment(owner.span(call.func)).split())
                return f"Set inplace=False on `{_short(name)}` ({where})"
        line = owner.lines[span.line - 1] if 0 < span.line <= len(owner.lines) else ""
        callee = _callee_before(line, span.col)
        layer = f" on `{callee}`" if callee else ""
        return f"Set inplace=False{layer} ({where})"

    def input_read_after(self, mut: Mutation) -> bool:
        """The in-place layer's input is a name read again after the call (`out =
        self.relu(x)` ... `out + x`, the RefineNet residual unit), or a parameter a call found
        in the file reads afterwards: it saw the activated values, and with `inplace=False` it
        keeps the old ones."""
        call, stmt = mut.node, mut.stmt
        if not isinstance(call, ast.Call) or stmt is None or not call.args:
            return False
        arg = call.args[0]
        if not isinstance(arg, ast.Name):
            return False  # a temporary: nothing else holds it
        self._use(mut.span.path)
        if self.src.path != mut.span.path:
            return False  # that module's text is not known here
        if isinstance(stmt, ast.Assign) and any(
            isinstance(n, ast.Name) and n.id == arg.id for t in stmt.targets for n in ast.walk(t)
        ):
            return False  # `x = self.relu(x)`: the name takes the result either way
        tree = self._tree()
        scope: ast.AST = enclosing_function(tree, stmt) or tree
        end = (stmt.end_lineno or stmt.lineno, stmt.end_col_offset or 0)
        later = sorted(
            (
                n
                for n in ast.walk(scope)
                if isinstance(n, ast.Name) and n.id == arg.id and (n.lineno, n.col_offset) >= end
            ),
            key=lambda n: (n.lineno, n.col_offset),
        )
        if later:
            return isinstance(later[0].ctx, ast.Load)
        func = written_parameter(tree, stmt, arg.id)
        self.read_callers = True
        return func is not None and callers_read_after(tree, func, arg.id)

    def inplace_false_over_splat(self, call: ast.AST | None, path: str) -> Fix | None:
        """A layer built with `**params` whose dict carries `inplace=True`
        (`nn.Dropout(p, **params)`): the splat becomes `**{**params, "inplace": False}`, so this
        layer alone stops writing in place, whatever else the dict holds (as `inplace=False`
        written on the constructor: safe)."""
        if not isinstance(call, ast.Call):
            return None
        splats = [k for k in call.keywords if k.arg is None]
        if len(splats) != 1 or any(k.arg == "inplace" for k in call.keywords):
            return None
        value = splats[0].value
        self._use(path)  # the layer may be built in another module than the checked file
        span = self.src.span(value)
        owner = self._sources.get(span.path, (self.src, self.torch))[0]
        if span.path != owner.path:
            return None  # that module's text is not known here
        text = owner.segment(span)
        if "\n" in text:
            return None
        shown = owner.segment(owner.span(call.func))
        return Fix(
            f"Set inplace=False on `{_short(shown)}` (line {span.line}): "
            f'`**{{**{text}, "inplace": False}}`',
            (TextEdit(span, f'{{**{text}, "inplace": False}}'),),
        )

    # -- edits elsewhere

    def clone_saved(self, rec: SaveRecord) -> Fix | None:
        """Give the op a private copy, so the later in-place write cannot reach what it saved."""
        self._use(rec.span.path)
        if rec.arg_node is not None:
            arg = rec.arg_node
            if isinstance(arg, (ast.Starred, ast.Constant, ast.List, ast.Tuple)):
                return None
            text = self.src.full_text(arg)
            new = f"{text}.clone()" if _is_atomic(arg) else f"({text}).clone()"
            return Fix(f"Pass `{_short(new)}` to `{rec.op}`", (TextEdit(self.src.span(arg), new),))
        node = rec.node
        if rec.what == "its output" and isinstance(node, (ast.Call, ast.BinOp)) and rec.clonable:
            text = self.src.full_text(node)
            new = f"{text}.clone()" if isinstance(node, ast.Call) else f"({text}).clone()"
            return Fix(f"Clone the output of `{rec.op}`", (TextEdit(self.src.span(node), new),))
        return None

    def clone_saved_all(self, recs: list[SaveRecord]) -> Fix | None:
        """One fix cloning at every save the write reaches (`a * a` saves `a` twice)."""
        fixes = [self.clone_saved(r) for r in recs]
        if not fixes or any(f is None for f in fixes):
            return None
        edits: dict[Span, TextEdit] = {}
        for fix in fixes:
            assert fix is not None
            for e in fix.edits:
                edits[e.span] = e
        ordered = sorted(edits.values(), key=lambda e: (e.span.line, e.span.col))
        for a, b in pairwise(ordered):
            if (b.span.line, b.span.col) < (a.span.end_line, a.span.end_col):
                return None  # nested saves: no single clean edit
        first = fixes[0]
        assert first is not None
        # several records of one save (the same op on two paths) are one edit
        title = first.title if len(ordered) == 1 else f"Clone what {len(ordered)} ops saved"
        return Fix(title, tuple(ordered))

    def inference_region_as_no_grad(self, path: str) -> Fix | None:
        """The one `torch.inference_mode()` region of the file at `path` (where the inference
        tensor was made) made `torch.no_grad()`."""
        self._use(path)
        if self.src.path != path:
            return None
        return inference_to_no_grad(self.src, self._tree(), self.torch)

    def view_with_grad(self, where: object) -> Fix | None:
        """The view a write with grad mode on failed on, made after its `no_grad` block."""
        if not isinstance(where, tuple) or len(where) != 2 or not isinstance(where[1], ast.AST):
            return None
        self._use(where[0])
        return view_out_of_no_grad(self.src, self._tree(), where[1], self.torch)

    def write_untracked(self, mut: Mutation) -> Fix | None:
        """The write itself wrapped in `no_grad`: it runs, but autograd does not see it."""
        fix = self.wrap_no_grad(mut.stmt, mut.span.path)
        if fix is None:
            return None
        return replace(
            fix, safe=False, title=f"{fix.title} (unsafe: autograd no longer sees the write)"
        )

    def write_into_leaf_view(self, mut: Mutation) -> Fix | None:
        """The write into a view of a leaf that requires grad (made under no_grad) wrapped in
        `no_grad`: the same values reach the leaf, and autograd records no write to a leaf in
        any mode, so nothing it tracked is lost."""
        fix = self.wrap_no_grad(mut.stmt, mut.span.path)
        if fix is None:
            return None
        return replace(
            fix,
            title=f"{fix.title} (the view's base is a leaf that requires grad: the write "
            f"still changes it, as weight surgery does)",
        )

    def wrap_no_grad(self, stmt: ast.stmt | None, path: str = "") -> Fix | None:
        """The statement under `with torch.no_grad():`; a `return` only where it returns the
        in-place call itself (`return tensor.uniform_(-a, a)`, an initializer): its result is
        the written tensor, so nothing computed after the write loses its graph."""
        self._use(path)
        if (
            stmt is None
            or self._no_grad_name() is None
            or not (
                isinstance(stmt, (ast.Expr, ast.AugAssign, ast.Assign))
                or (isinstance(stmt, ast.Return) and _returns_inplace_call(stmt))
            )
        ):
            return None
        if not self._own_lines(stmt):
            # shares its line with another statement (`a; b`, `if warm: w.add_(1)`)
            return self._wrap_shared_line(stmt)
        span = self.src.span(stmt)
        fix = self.wrap_lines(
            span.path,
            span.line,
            span.end_line,
            span.col,
            f"Wrap `{_short(self.src.text(stmt))}` in `with {self._no_grad_name()}.no_grad():`",
        )
        factory = self._factory_out(stmt)
        if fix is None or factory is None:
            return fix
        # a factory filling `out=` resets its requires_grad (a Parameter would stop training):
        # under no_grad the values are copied in instead
        edit, new = factory
        return Fix(f"{fix.title}, filling it with `{_short(new)}`", (*fix.edits, edit))

    def _wrap_shared_line(self, stmt: ast.stmt) -> Fix | None:
        """A statement sharing its line, put on lines of its own under `no_grad`."""
        place = standalone(self.src, self._tree(), stmt)
        if place is None or self._factory_out(stmt) is not None:
            return None
        unit = indent_unit(self.src, stmt.lineno)
        text = self.src.full_text(stmt)
        torch = self._no_grad_name()
        new = f"with {torch}.no_grad():\n{place.indent}{unit}{text}"
        return Fix(
            f"Wrap `{_short(text)}` in `with {torch}.no_grad():` (on lines of its own)",
            (*self._torch_import(), TextEdit(place.span, place.before + new + place.after)),
        )

    def factory_out_under_no_grad(self, mut: Mutation) -> Fix | None:
        """`torch.arange(..., out=param)` with grad mode on (parameter initialisation): the
        statement under no_grad, the factory's values copied into the parameter."""
        self._use(mut.span.path)
        if mut.kind != "out" or mut.stmt is None or self._factory_out(mut.stmt) is None:
            return None
        return self.wrap_no_grad(mut.stmt, mut.span.path)

    def _factory_out(self, stmt: ast.stmt) -> tuple[TextEdit, str] | None:
        """`torch.arange(1, n, out=self.freq)` (a factory function, on one line) rewritten as
        `self.freq.copy_(torch.arange(1, n))`: the same values land in the same tensor,
        which keeps its requires_grad."""
        for node in ast.walk(stmt):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _FACTORIES
                and _is_torch_attr(node.func, self.torch)
            ):
                continue
            out_kw = next((k for k in node.keywords if k.arg == "out"), None)
            if out_kw is None or not _is_simple(out_kw.value):
                continue
            span = self.src.span(node)
            if span.line != span.end_line:
                return None
            parts = [self.src.full_text(a) for a in node.args]
            parts += [self.src.full_text(k) for k in node.keywords if k is not out_kw]
            func = self.src.full_text(node.func)
            new = f"{self.src.full_text(out_kw.value)}.copy_({func}({', '.join(parts)}))"
            return TextEdit(span, new), new
        return None

    def wrap_lines(
        self, path: str, first: int, last: int, col: int, title: str | None = None
    ) -> Fix | None:
        """Lines `first`..`last` (statements indented by `col`) inside one
        `with torch.no_grad():` block."""
        self._use(path)
        torch = self._no_grad_name()
        if torch is None:
            return None
        indent = self.src.lines[first - 1][:col]
        unit = indent_unit(self.src, first)
        edits = [
            *self._torch_import(),
            TextEdit(Span(first, 0, first, 0, path), f"{indent}with {torch}.no_grad():\n"),
        ]
        for line in range(first, last + 1):
            edits.append(TextEdit(Span(line, 0, line, 0, path), unit))
        title = title or f"Wrap lines {first}-{last} in `with {torch}.no_grad():`"
        return Fix(title, tuple(edits), wraps=(path, first, last, col))

    def _no_grad_name(self) -> str | None:
        """The name to spell `torch.no_grad()` with: what the file imports torch as, or
        `torch` itself where it only imports names from it (`from torch import nn`), with
        `import torch` added (`_torch_import`)."""
        if self.torch is not None:
            return self.torch
        return "torch" if self._torch_import() else None

    def _torch_import(self) -> tuple[TextEdit, ...]:
        """`import torch` inserted before the file's first import, where it imports only
        names from torch (after `from __future__` imports, which must stay first)."""
        if self.torch is not None:
            return ()
        body = self._tree().body
        imports = [s for s in body if isinstance(s, (ast.Import, ast.ImportFrom))]
        if not any(
            isinstance(s, ast.ImportFrom) and (s.module or "").split(".")[0] == "torch"
            for s in imports
        ):
            return ()
        if any(
            isinstance(s, ast.Import) and any(a.name.split(".")[0] == "torch" for a in s.names)
            for s in imports
        ):
            return ()  # `import torch.nn as nn`: torch itself is not a name here
        future = [s for s in imports if isinstance(s, ast.ImportFrom) and s.module == "__future__"]
        if future:
            line = (future[-1].end_lineno or future[-1].lineno) + 1
        else:
            line = imports[0].lineno
        if imports[0].col_offset or line > len(self.src.lines):
            return ()
        return (TextEdit(Span(line, 0, line, 0, self.src.path), "import torch\n"),)

    def move_step_below(
        self, step: ast.stmt | None, backward: ast.stmt | None, path: str, backward_path: str
    ) -> Fix | None:
        """`opt.step()` between a forward and a later backward through it, in one block: move
        the step below that backward. Unsafe: the update then also sees the gradients that
        backward adds to the parameters it steps (what is trained changes)."""
        return self.move_below_backward(step, backward, path, backward_path, None, step=True)

    def reorder_across_calls(
        self,
        mut: Mutation,
        recs: list[SaveRecord],
        backward_chain: CallChain,
        other_backwards: Collection[CallChain] = (),
    ) -> Fix | None:
        """The step and the failing backward reached through different statements of a common
        caller: move the call leading to the backward above the one leading to the step,
        repeat the forward before the backward's statement, or move the step below the block
        holding the backward (all unsafe; step_order.py says where each is offered)."""
        part = parting(mut.chain, backward_chain)
        if part is None:
            return None
        self._use(part[0])
        saves = [r.chain for r in recs]
        tree = self._tree()
        return (
            move_call_above(self.src, tree, mut.chain, backward_chain, saves)
            or repeat_forward_after(self.src, tree, mut.chain, backward_chain, saves)
            or move_step_below_block(self.src, tree, mut.chain, backward_chain, other_backwards)
            or repeat_forward_in_loop(self.src, tree, mut.chain, backward_chain, saves)
            or repeat_forward_after_step(self.src, tree, mut.chain, backward_chain, saves)
        )

    def move_write_below(
        self, mut: Mutation, backward: ast.stmt | None, backward_path: str
    ) -> Fix | None:
        """An in-place write (not a step) moved below the backward that needs the old values."""
        if mut.kind in ("step", "module", "data_assign") or mut.stmt is None:
            return None
        return self.move_below_backward(
            mut.stmt, backward, mut.span.path, backward_path, _written_root(mut)
        )

    def move_below_backward(
        self,
        write: ast.stmt | None,
        backward: ast.stmt | None,
        path: str,
        backward_path: str,
        written: str | None,
        step: bool = False,
    ) -> Fix | None:
        """The statement holding an in-place write (itself, or the `with` block around it) that
        comes before a backward of the same block moves below that backward (and the other
        backwards right after it): the backward then sees what the forward saw.

        An optimizer step is unsafe (its update also sees those gradients). Another write
        (weight surgery, running statistics) is offered only where nothing from it to the
        backward (the backward's loss expression included) names `written`, the root name of
        what it writes and no other call runs between: then only the backward, which autograd
        refused, sees the change move, and the fix is safe."""
        self._use(path)
        if path != backward_path or write is None or backward is None:
            return None
        if not isinstance(backward, (ast.Expr, ast.Assign)):
            return None
        found = self._block_of(backward)
        if found is None:
            return None
        block, at = found
        line = write.lineno
        index = next(
            (i for i, s in enumerate(block[:at]) if _same_stmt(s, write)),  # `a; opt.step()`
            next(
                (
                    i
                    for i, s in enumerate(block[:at])
                    if s.lineno <= line <= (s.end_lineno or s.lineno)
                ),
                None,
            ),
        )
        if index is None and step:
            return self._move_step_below_holder(write, backward, path)
        if index is None:
            return None  # the write is in another block (an inner loop, another branch)
        moved = block[index]
        # the write itself, or a `with` block around it (`with torch.no_grad():`), or for a
        # step the `if` holding only it (`if it % k == 0: opt_d.step()`)
        if not _same_stmt(moved, write) and not isinstance(moved, ast.With):
            one_line_if = (
                isinstance(moved, ast.If)
                and len(moved.body) == 1
                and _same_stmt(moved.body[0], write)
            )
            # `for q_i in range(n): opts[q_i].step()`: every optimizer of an ensemble stepped
            steps_loop = (
                isinstance(moved, ast.For)
                and all(isinstance(s, ast.Expr) for s in moved.body)
                and not {n.id for n in ast.walk(moved.target) if isinstance(n, ast.Name)}
                & {
                    n.id
                    for s in block[index + 1 : at + 1]
                    for n in ast.walk(s)
                    if isinstance(n, ast.Name)
                }
            )
            if not (step and not getattr(moved, "orelse", None) and (one_line_if or steps_loop)):
                return None
        if step and not _only_calls(moved):
            return None
        src = self.src
        if not self._own_lines(moved) or not self._own_lines(backward):
            # `opt_d.zero_grad(); d_loss.backward(); opt_d.step()` (notebook style)
            found_edits = self._move_simple_below(block, index, at)
            if found_edits is None:
                return None
            edits, end = found_edits
        else:
            first, last = moved.lineno, moved.end_lineno or moved.lineno
            col = moved.col_offset
            end = self._last_backward_in_block(backward.end_lineno or backward.lineno, col)
            text = "\n".join(src.lines[first - 1 : last]) + "\n"
            after = end + 1
            insert = (
                TextEdit(Span(after, 0, after, 0, path), text)
                if after <= len(src.lines)
                else TextEdit(
                    Span(end, len(src.lines[end - 1]), end, len(src.lines[end - 1]), path),
                    "\n" + text.rstrip("\n"),
                )
            )
            edits = (TextEdit(Span(first, 0, last + 1, 0, path), ""), insert)
        shown = _short(src.text(write))
        if step:
            return Fix(
                f"Move `{shown}` below the backward at line {end} (unsafe: the update then also "
                f"uses the gradients the backwards before it add)",
                edits,
                safe=False,
            )
        if not _only_calls(moved):
            return None  # an assignment: what it binds is read before the new place
        between = block[index + 1 : at]
        if written is None or any(isinstance(n, ast.Call) for s in between for n in ast.walk(s)):
            return None  # a call between might read the written tensor
        if any(
            isinstance(n, ast.Name) and n.id == written
            for s in (*between, backward)  # the backward's own loss expression too
            for n in ast.walk(s)
        ):
            return None  # the code before the backward would see the change move
        return Fix(f"Move `{shown}` below the backward at line {end}", edits)

    def _move_step_below_holder(self, step: ast.stmt, backward: ast.stmt, path: str) -> Fix | None:
        """The step moved below the `if`/`with`/`try` statement after it, in its own block, that
        holds the backward (`opt.step()` above `try: loss2.backward() finally: ...`). Unsafe,
        as any move of a step."""
        found = self._block_of(step)
        if found is None or not isinstance(step, ast.Expr) or not self._own_lines(step):
            return None
        block, index = found
        holder = next(
            (
                s
                for s in block[index + 1 :]
                if s.lineno <= backward.lineno <= (s.end_lineno or s.lineno)
            ),
            None,
        )
        if not isinstance(holder, (ast.If, ast.With, ast.Try)):
            return None
        first, last = step.lineno, step.end_lineno or step.lineno
        end = holder.end_lineno or holder.lineno
        text = "\n".join(self.src.lines[first - 1 : last]) + "\n"
        close = len(self.src.lines[end - 1].rstrip("\r\n"))
        insert = (
            TextEdit(Span(end + 1, 0, end + 1, 0, path), text)
            if end < len(self.src.lines)
            else TextEdit(Span(end, close, end, close, path), "\n" + text.rstrip("\n"))
        )
        return Fix(
            f"Move `{_short(self.src.text(step))}` below the block ending at line {end} "
            f"(unsafe: the update then runs after the backward at line {backward.lineno}, and "
            f"with the gradients it adds)",
            (TextEdit(Span(first, 0, last + 1, 0, path), ""), insert),
            safe=False,
        )

    def _move_simple_below(
        self, block: list[ast.stmt], index: int, at: int
    ) -> tuple[tuple[TextEdit, TextEdit], int] | None:
        """Edits moving the one-line simple statement `block[index]` right after the last
        statement calling `backward(` from `block[at]` on, where one of them shares its line
        with other statements: it leaves with the `; ` that joined it, and joins the new place
        with `; ` (or a new line where that statement has its line to itself)."""
        src, moved = self.src, block[index]
        if not isinstance(moved, ast.Expr) or moved.lineno != moved.end_lineno:
            return None
        last = max(
            (i for i in range(at, len(block)) if "backward(" in src.full_text(block[i])),
            default=at,
        )
        target = block[last]
        span = src.span(moved)
        prev = block[index - 1] if index > 0 and block[index - 1].end_lineno == span.line else None
        nxt = block[index + 1] if index + 1 < len(block) else None
        if prev is not None:
            cut = Span(src.span(prev).end_line, src.span(prev).end_col, span.line, span.end_col)
        elif nxt is not None and nxt.lineno == span.line:
            cut = Span(span.line, span.col, nxt.lineno, src.span(nxt).col)
        else:
            cut = Span(span.line, 0, span.line + 1, 0)
        cut = replace(cut, path=span.path)
        there = src.span(target)
        joint = "\n" + src.indent_of(there.end_line) if self._own_lines(target) else "; "
        insert = TextEdit(
            Span(there.end_line, there.end_col, there.end_line, there.end_col, span.path),
            joint + src.full_text(moved),
        )
        return (TextEdit(cut, ""), insert), there.end_line

    def move_into_context(self, backward: ast.stmt | None, save_line: int) -> Fix | None:
        """A backward after the `with allow_mutation_on_saved_tensors():` block that recorded
        its graph, in the same statement list: the backward (and what runs between) moves to the
        end of that block. Safe: the context changes only how saved tensors are kept (a private
        copy of one written later), not a value."""
        if backward is None:
            return None
        found = self._block_of(backward)
        if found is None:
            return None
        block, at = found
        ctx = next(
            (
                i
                for i in range(at - 1, -1, -1)
                if isinstance(block[i], ast.With)
                and block[i].lineno <= save_line <= (block[i].end_lineno or 0)
            ),
            None,
        )
        if ctx is None:
            return None
        with_stmt = block[ctx]
        assert isinstance(with_stmt, ast.With)
        if not any(_calls_named(i.context_expr, _ALLOW_MUTATION) for i in with_stmt.items):
            return None
        moved = block[ctx + 1 : at + 1]
        if not all(self._own_lines(s) for s in moved) or any(
            isinstance(n, ast.Constant)
            and isinstance(n.value, (str, bytes))
            and n.lineno != n.end_lineno
            for s in moved
            for n in ast.walk(s)
        ):
            return None  # re-indenting would change a multi-line string
        body_col = with_stmt.body[0].col_offset
        pad = " " * (body_col - with_stmt.col_offset)
        first, last = moved[0].lineno, backward.end_lineno or backward.lineno
        edits = tuple(
            TextEdit(Span(line, 0, line, 0, self.src.path), pad)
            for line in range(first, last + 1)
            if self.src.lines[line - 1].strip()
        )
        what = "the backward" if len(moved) == 1 else f"lines {first}-{last}"
        return Fix(
            f"Move {what} into the `with` block at line {with_stmt.lineno} "
            f"(backward inside the context that recorded the graph)",
            edits,
        )

    def join_context(self, backward: ast.stmt | None, rec: SaveRecord) -> Fix | None:
        """A backward inside a second `allow_mutation_on_saved_tensors()` block: that block
        joins the one that recorded the save (mutation_context.py)."""
        if backward is None or rec.span.path != self.src.path:
            return None
        return join_previous_context(self.src, self._tree(), backward.lineno, rec.span.line)

    def drop_allow_mutation(self, rec: SaveRecord) -> Fix | None:
        """The context around the save (or the call that led to it) removed: offered by the
        caller only where nothing it kept was written in place."""
        self._use(self.src.path)
        lines = [stmt.lineno for path, stmt in rec.chain if path == self.src.path]
        if rec.span.path == self.src.path:
            lines.append(rec.span.line)
        return drop_context(self.src, self._tree(), lines)

    def detach_carried(
        self,
        step: ast.stmt | None,
        backward: ast.stmt | None,
        path: str,
        graph_holders: dict[str, int | None],
    ) -> Fix | None:
        """A recurrent state carried across iterations (`out, (h, c) = lstm(x, (h, c))`) keeps
        each iteration's graph alive; the next backward goes through the old graph (with
        `retain_graph=True`, or where the old part was never backwarded: a state that only
        starts requiring grad in the second round), whose parameters the optimizer step
        changed. Detach the state at the top of the loop body (truncated backpropagation
        through time). Unsafe: gradients no longer flow into earlier iterations. A state kept
        in module attributes is detached only with `retain_graph=True` (without it, the
        attribute may not be set yet where the detach would go). `graph_holders` are the names
        holding tensors (None) or tuples of tensors (their length) in the failed graph."""
        self._use(path)
        if step is None or backward is None or self.src.path != path:
            return None
        loop = self._loop_around(step, backward)
        if loop is None:
            return None
        return self._detach_in_loop(loop, step, backward, path, graph_holders)

    def detach_carried_across_calls(
        self,
        step_chain: CallChain,
        backward_chain: CallChain,
        holders_at: Callable[[int], dict[str, int | None]],
    ) -> Fix | None:
        """As `detach_carried`, where the step and the backward run in functions the loop
        calls (an actor-critic loop calling `actor_loss(...)` and `critic_loss(...)`, each
        with its own backward and step, through a state the loop carries): the loop around
        the statements where their paths part, or around the call they share, in the
        innermost caller that has one. `holders_at(k)` are the names holding the failed
        graph in the caller running the chains' statement `k`."""
        if not step_chain or not backward_chain:
            return None
        depth = parting_depth(step_chain, backward_chain)
        levels: list[tuple[int, list[ast.stmt], str]] = []
        part = parting(step_chain, backward_chain)
        if part is not None:
            levels.append((depth, [part[1], part[2]], part[0]))
        levels += [(k, [step_chain[k][1]], step_chain[k][0]) for k in range(depth - 1, -1, -1)]
        backward = backward_chain[-1][1]
        for level, stmts, path in levels:
            self._use(path)
            if self.src.path != path:
                continue
            loop = self._loop_around(*stmts)
            if loop is not None:
                return self._detach_in_loop(loop, stmts[0], backward, path, holders_at(level))
        return None

    def _detach_in_loop(
        self,
        loop: ast.For | ast.While,
        step: ast.stmt,
        backward: ast.stmt,
        path: str,
        graph_holders: dict[str, int | None],
    ) -> Fix | None:
        names = [n for n in _carried_names(loop) if n in graph_holders]
        attrs = _carried_attributes(loop, graph_holders)
        retained = any(
            k.arg == "retain_graph"
            for n in ast.walk(backward)
            if isinstance(n, ast.Call)
            for k in n.keywords
        )
        if attrs and not names and retained:
            return self._detach_attributes(step, loop, attrs, graph_holders, path)
        lists = [n for n in names if graph_holders[n] == LIST_STATE]
        if lists:
            return self._detach_lists_after(step, loop, lists, path)
        if not names or not self._own_lines(loop.body[0]):
            return None
        parts = []
        for name in names:
            size = graph_holders[name]
            parts.append(
                f"{name}.detach()"
                if size is None
                else "("
                + ", ".join(f"{name}[{i}].detach()" for i in range(size))
                + ("," if size == 1 else "")
                + ")"
            )
        first = loop.body[0]
        indent = self.src.lines[first.lineno - 1][: first.col_offset]
        line = f"{indent}{', '.join(names)} = {', '.join(parts)}\n"
        shown = ", ".join(f"`{n}`" for n in names)
        return Fix(
            f"Detach {shown} at the top of the loop at line {loop.lineno} (unsafe: truncated "
            f"backpropagation, gradients no longer flow into earlier iterations)",
            (TextEdit(Span(first.lineno, 0, first.lineno, 0, path), line),),
            safe=False,
        )

    def _detach_lists_after(
        self, step: ast.stmt, loop: ast.For | ast.While, names: list[str], path: str
    ) -> Fix | None:
        """States kept in lists (one per layer; `None` before the first round, so not
        detachable at the top of the loop) detached element by element right after the
        statement of the loop body leading to the step, which a statement before it in the
        body binds them by."""
        at = next((i for i, s in enumerate(loop.body) if _same_stmt(s, step)), None)
        if at is None or not self._own_lines(loop.body[at]):
            return None
        bound = {
            n.id
            for s in loop.body[:at]
            for n in ast.walk(s)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        if not set(names) <= bound:
            return None
        step = loop.body[at]
        indent = self.src.lines[step.lineno - 1][: step.col_offset]
        text = "".join(f"{indent}{n} = [s.detach() for s in {n}]\n" for n in names)
        end = step.end_lineno or step.lineno
        if end < len(self.src.lines):
            edit = TextEdit(Span(end + 1, 0, end + 1, 0, path), text)
        else:
            close = len(self.src.lines[end - 1].rstrip("\r\n"))
            edit = TextEdit(Span(end, close, end, close, path), "\n" + text.rstrip("\n"))
        shown = ", ".join(f"`{n}`" for n in names)
        return Fix(
            f"Detach each state in {shown} after `{_short(self.src.text(step))}` (unsafe: "
            f"truncated backpropagation, gradients no longer flow into earlier iterations)",
            (edit,),
            safe=False,
        )

    def _detach_attributes(
        self,
        step: ast.stmt,
        loop: ast.For | ast.While,
        attrs: list[str],
        graph_holders: dict[str, int | None],
        path: str,
    ) -> Fix | None:
        """A state kept in module attributes (`self.hidden` written by forward, read by the next
        forward): detached right after the optimizer step, when the forward of this round has
        set it (at the top of the loop it may not exist yet)."""
        if not self._own_lines(step):
            return None
        indent = self.src.lines[step.lineno - 1][: step.col_offset]
        lines = []
        # the state of a container's children (`net.rnns[0].hx`): one loop over the children,
        # whose number the analysis may not know (a Sequential built from a list)
        by_container: dict[str, dict[str, int | None]] = {}
        for attr in attrs:
            match = _CHILD_ATTR.match(attr)
            if match is not None:
                by_container.setdefault(match[1], {})[match[2]] = graph_holders[attr]
        for container, names in by_container.items():
            lines.append(f"{indent}for _layer in {container}:\n")
            for name, size in names.items():
                held = f"_layer.{name}"
                value = f"{held}.detach()" if size is None else f"tuple(s.detach() for s in {held})"
                lines.append(f"{indent}    {held} = {value}\n")
        for attr in attrs:
            if _CHILD_ATTR.match(attr) is not None:
                continue
            value = (
                f"{attr}.detach()"
                if graph_holders[attr] is None
                else f"tuple(s.detach() for s in {attr})"
            )
            lines.append(f"{indent}{attr} = {value}\n")
        end = step.end_lineno or step.lineno
        text = "".join(lines)
        if end < len(self.src.lines):
            edit = TextEdit(Span(end + 1, 0, end + 1, 0, path), text)
        else:  # the step is the file's last line
            close = len(self.src.lines[end - 1].rstrip("\r\n"))
            edit = TextEdit(Span(end, close, end, close, path), "\n" + text.rstrip("\n"))
        shown = ", ".join(
            [
                *(
                    f"{', '.join(f'`{n}`' for n in names)} of every layer in `{container}`"
                    for container, names in by_container.items()
                ),
                *(f"`{a}`" for a in attrs if _CHILD_ATTR.match(a) is None),
            ]
        )
        return Fix(
            f"Detach {shown} after `{_short(self.src.text(step))}` (unsafe: truncated "
            f"backpropagation, gradients no longer flow into earlier iterations)",
            (edit,),
            safe=False,
        )

    def _loop_around(self, *stmts: ast.stmt) -> ast.For | ast.While | None:
        """The innermost loop whose body holds all of `stmts`."""
        best: ast.For | ast.While | None = None
        for node in ast.walk(self._tree()):
            if not isinstance(node, (ast.For, ast.While)) or not node.body:
                continue
            first, last = node.body[0].lineno, node.body[-1].end_lineno or node.lineno
            if all(first <= s.lineno and (s.end_lineno or s.lineno) <= last for s in stmts) and (
                best is None or node.lineno > best.lineno
            ):
                best = node
        return best

    def _tree(self) -> ast.Module:
        """The current module's syntax tree (parsed once; its nodes carry positions only)."""
        if self.src.path not in self._trees:
            text = "\n".join(line.rstrip("\r\n") for line in self.src.lines)
            try:
                self._trees[self.src.path] = ast.parse(text)
            except SyntaxError:
                self._trees[self.src.path] = ast.Module(body=[], type_ignores=[])
        return self._trees[self.src.path]

    def _block_of(self, stmt: ast.stmt) -> tuple[list[ast.stmt], int] | None:
        """The statement list holding (a statement at the position of) `stmt`, and its index."""
        for node in ast.walk(self._tree()):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(node, field, None)
                if not isinstance(block, list):
                    continue
                for i, s in enumerate(block):
                    if isinstance(s, ast.stmt) and _same_stmt(s, stmt):
                        return block, i
        return None

    def _indent(self, line: int) -> int | None:
        """The indentation of a line of code; None for a blank or comment line."""
        text = self.src.lines[line - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            return None
        return len(text) - len(text.lstrip())

    def _last_backward_in_block(self, end: int, col: int) -> int:
        """The last line of the last statement calling `backward(` in the block that goes on
        after line `end` (statements at indentation `col`, until the block ends): the other
        backwards of one training step need the old parameters too (D and G losses)."""
        best, line, n = end, end + 1, len(self.src.lines)
        while line <= n:
            indent = self._indent(line)
            if indent is not None and indent < col:
                break
            if indent == col:
                stop = line + 1  # the statement's continuation lines are indented deeper
                while stop <= n and (self._indent(stop) is None or (self._indent(stop) or 0) > col):
                    stop += 1
                while stop - 1 > line and self._indent(stop - 1) is None:
                    stop -= 1
                if "backward(" in "".join(self.src.lines[line - 1 : stop - 1]):
                    best = stop - 1
                line = stop
                continue
            line += 1
        return best

    def single_views(self, where: object) -> Fix | None:
        """Views one at a time instead of the outputs of one multi-output op, which autograd
        forbids writing to: `for t in x` -> `for t in tuple(x[i] for i in range(len(x)))`,
        `x.unbind(d)` -> `x.select(d, i)` for each i, `x.split(s, d)` / `x.chunk(k, d)` ->
        `x.narrow(d, i, ...)` over the same pieces. Each is a plain view of `x`: the in-place
        write goes through to `x`, as the code meant. A base that is not a name is evaluated
        once (`for t in [expr]` inside the generator). `where` is the (path, expression) the
        views came from: the multi-output call, or the expression iterated."""
        if not isinstance(where, tuple) or len(where) != 2 or not isinstance(where[1], ast.expr):
            return None
        path, node = where
        self._use(path)
        if self.src.path != path:
            return None  # that module's text is not known here
        pieces = _multi_output_call(node, self.torch)
        if pieces is None:
            if isinstance(node, (ast.Starred, ast.Constant, ast.List, ast.Tuple, ast.Dict)):
                return None
            base_node, pick, count = node, "{t}[i]", "len({t})"
            ranges = "for i in range({count})"
        else:
            op, base_node, size, dim = pieces
            d = self.src.full_text(dim) if dim is not None else "0"
            if op == "unbind":
                pick, count, ranges = (
                    f"{{t}}.select({d}, i)",
                    "",
                    f"for i in range({{t}}.shape[{d}])",
                )
            else:
                if size is None or not _is_int_literal(size):
                    return None  # a list of section sizes, or an unknown size
                n = f"{{t}}.shape[{d}]"
                if op == "chunk":
                    k = self.src.full_text(size)
                    pick = f"{{t}}.narrow({d}, i, min(c, {n} - i))"
                    ranges = f"for c in [-(-{n} // {k})] for i in range(0, {n}, c)"
                else:
                    step = self.src.full_text(size)
                    pick = f"{{t}}.narrow({d}, i, min({step}, {n} - i))"
                    ranges = f"for i in range(0, {n}, {step})"
                count = ""
        base = self.src.full_text(base_node)
        if self._binds_any(_GENERATOR_BUILTINS, node.lineno):
            return None  # the rewrite's `range`/`len`/`min`/`tuple` would be the code's own
        taken = {n.id for n in ast.walk(base_node) if isinstance(n, ast.Name)}
        if {"i", "c", "t"} & taken:
            return None
        if _is_repeatable(base_node):
            t, head = base, ""
        else:
            t, head = "t", f"for t in [{base}] "
        ranges = ranges.format(count=count.format(t=t), t=t)
        body = f"{pick.format(t=t)} {head}{ranges}"
        # an iteration takes each view just before its turn (a view taken before an earlier
        # write made the base require grad would still see it as a leaf); a call's outputs may
        # be indexed, so they are all taken at once
        new = f"({body})" if pieces is None else f"tuple({body})"
        return Fix(
            f"Take single views of `{_short(base)}` one at a time (writes still reach it)",
            (TextEdit(self.src.span(node), new),),
        )

    def _binds_any(self, names: frozenset[str], line: int) -> bool:
        """The code at `line` sees one of `names` rebound (`range = ...`, a parameter `len`):
        bound in the innermost function around it, or at the module's top level."""
        tree = self._tree()
        scopes: list[ast.AST] = [
            ast.Module(body=[s for s in tree.body if not isinstance(s, _SCOPES)], type_ignores=[])
        ]
        inner = [
            n
            for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            and n.lineno <= line <= (n.end_lineno or n.lineno)
        ]
        if inner:
            scopes.append(max(inner, key=lambda n: n.lineno))
        for scope in scopes:
            for node in ast.walk(scope):
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                    bound = node.id
                elif isinstance(node, ast.arg):
                    bound = node.arg
                elif isinstance(node, ast.alias):
                    bound = (node.asname or node.name).split(".")[0]
                else:
                    continue
                if bound in names:
                    return True
        return False

    def _own_lines(self, stmt: ast.stmt) -> bool:
        """The statement is alone on its lines (nothing before it, only a comment after)."""
        span = self.src.span(stmt)
        if self.src.lines[span.line - 1][: span.col].strip():
            return False
        rest = self.src.lines[span.end_line - 1][span.end_col :].strip()
        return not rest or rest.startswith("#")

    def leaf_again_later(self, stmt: ast.stmt, target: ast.expr, path: str) -> bool:
        """The last rebinding of `target` after `stmt` in its block makes it a new leaf that
        requires grad (`x = x.detach().requires_grad_()`), and nothing else in the loop around
        rebinds it: the next backward fills its `.grad` after all."""
        self._use(path)
        found = self._block_of(stmt)
        if found is None:
            return False
        block, index = found
        name = ast.unparse(target)
        rebinds = rebinds_after(block, index, self._loop_around(stmt), name)
        if rebinds.other or rebinds.last is None or not makes_leaf(rebinds.last):
            return False
        between = block[index + 1 : next(i for i, s in enumerate(block) if s is rebinds.last)]
        return not any(needs_grad_meanwhile(s, name) for s in between)

    def rebind_to_inplace_no_grad(
        self,
        stmt: ast.Assign,
        already_no_grad: bool,
        path: str = "",
        param: bool = False,
        held_elsewhere: bool = False,
    ) -> Fix | None:
        """`w = w - lr * w.grad` -> `with torch.no_grad(): w -= lr * w.grad` (w stays a leaf);
        just `w -= lr * w.grad` where grad mode is already off. Where later statements of
        its block rebind `w` again (`w = w.clamp(...)`), the in-place update would not keep
        it a leaf: a local `w` is made a new leaf after the last of them instead (unsafe where
        another name holds the old leaf: later backwards no longer reach it through `w`)."""
        self._use(path)
        if len(stmt.targets) != 1 or not isinstance(stmt.value, ast.BinOp):
            return None
        target = stmt.targets[0]
        value = stmt.value
        symbol = _AUG_SYMBOLS.get(type(value.op))
        if symbol not in ("-", "+") or not isinstance(target, (ast.Name, ast.Attribute)):
            return None
        name = self.src.full_text(target)
        if self.src.full_text(value.left) != name:
            return None
        found = self._block_of(stmt)
        if found is None:
            return None
        block, index = found
        rebinds = rebinds_after(block, index, self._loop_around(stmt), ast.unparse(target))
        if rebinds.other:
            return None
        if rebinds.last is not None:
            if param or not isinstance(target, ast.Name):
                return None  # a new leaf is a new object: whatever held the old one loses it
            fix = rewrap_after(self.src, name, rebinds.last)
            if fix is not None and held_elsewhere:
                note = "later backwards no longer reach the tensor it was made from"
                fix = replace(fix, safe=False, title=f"{fix.title} (unsafe: {note})")
            return fix
        if self.torch is None and not already_no_grad:
            return None
        span = self.src.span(stmt)
        right = self.src.full_text(value.right)
        if already_no_grad:
            new = f"{name} {symbol}= {right}"
            return Fix(f"Update `{name}` in place (it stays a leaf)", (TextEdit(span, new),))
        unit = indent_unit(self.src, span.line)
        title = f"Update `{name}` in place under `no_grad()` (it stays a leaf)"
        if not self._own_lines(stmt):  # `if step: w = w - lr * w.grad`, `a; w = ...`
            place = standalone(self.src, self._tree(), stmt)
            if place is None:
                return None
            new = f"with {self.torch}.no_grad():\n{place.indent}{unit}{name} {symbol}= {right}"
            return Fix(title, (TextEdit(place.span, place.before + new + place.after),))
        indent = self.src.indent_of(span.line)
        new = f"with {self.torch}.no_grad():\n{indent}{unit}{name} {symbol}= {right}"
        return Fix(title, (TextEdit(span, new),))


_ALIAS_NOTE = "the tensor it shares storage with is no longer changed"
_CALLER_NOTE = "the tensor the caller passed is no longer changed"


def _returns_inplace_call(stmt: ast.Return) -> bool:
    """`return r.op_(...)`: the value is the in-place call on a name or attribute chain."""
    value = stmt.value
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr.endswith("_")
        and not value.func.attr.startswith("_")
        and _is_simple(value.func.value)
    )


def _is_simple_ref(node: object) -> bool:
    """A name or attribute chain (`x`, `self.buf`): reading it twice is harmless."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_GENERATOR_BUILTINS = frozenset({"range", "len", "min", "tuple"})
_MULTI_OUTPUT = frozenset({"unbind", "split", "chunk"})


def _multi_output_call(
    node: ast.expr, torch_name: str | None
) -> tuple[str, ast.expr, ast.expr | None, ast.expr | None] | None:
    """`x.unbind(d)`, `torch.split(x, s, d)`, `x.chunk(k, dim=d)`: (op, base, size, dim);
    the function form (spelled through the name torch is imported as) passes the tensor
    first."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    op = node.func.attr
    if op not in _MULTI_OUTPUT or any(isinstance(a, ast.Starred) for a in node.args):
        return None
    kw = {k.arg: k.value for k in node.keywords}
    if None in kw:
        return None  # **kwargs
    args = list(node.args)
    if torch_name is not None and _is_torch_attr(node.func, torch_name):
        base = args.pop(0) if args else kw.pop("input", None)  # torch.split(x, ...)
    else:
        base = node.func.value
    if base is None:
        return None
    names = (
        ("dim",)
        if op == "unbind"
        else (("chunks", "dim") if op == "chunk" else ("split_size_or_sections", "dim"))
    )
    values: list[ast.expr | None] = [None] * len(names)
    for i, arg in enumerate(args):
        if i >= len(names):
            return None
        values[i] = arg
    for key, value in kw.items():
        if key == "split_size":
            key = "split_size_or_sections"
        if key not in names or values[names.index(key)] is not None:
            return None
        values[names.index(key)] = value
    if op == "unbind":
        return op, base, None, values[0]
    return op, base, values[0], values[1]


def _local_names(func: ast.AST) -> set[str]:
    """The names a function (or lambda) may assign: its parameters, the names it binds in its
    own body (not in nested functions), and those it declares global or nonlocal."""
    args = getattr(func, "args", None)
    names = (
        {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        if isinstance(args, ast.arguments)
        else set()
    )
    if isinstance(args, ast.arguments):
        names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    body = getattr(func, "body", [])
    todo: list[ast.AST] = list(body) if isinstance(body, list) else [body]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue  # its own scope
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            names |= set(node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        todo.extend(ast.iter_child_nodes(node))
    return names


def _positional_inplace(call: ast.Call) -> ast.expr | None:
    """The literal `True` a functional activation takes as its `inplace` argument by position
    (`F.relu(h, True)`, `F.leaky_relu(h, 0.2, True)`)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    at = FUNCTIONAL_INPLACE_ARG.get(name or "")
    if at is None or len(call.args) <= at or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    arg = call.args[at]
    return arg if isinstance(arg, ast.Constant) and arg.value is True else None


def _written_root(mut: Mutation) -> str | None:
    """The name at the root of what a write changes: `net` in `net.fc.weight.div_(...)`."""
    node: ast.AST | None = mut.node
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    elif isinstance(node, ast.AugAssign):
        node = node.target
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        node = node.targets[0]
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _carried_names(loop: ast.For | ast.While) -> list[str]:
    """Names the loop body reads before it assigns them and assigns from a call or an
    arithmetic expression (`h` in `out, h = rnn(x, h)`, `state = x @ w_in + out @ w_rec`):
    their value crosses from one iteration into the next."""
    targets = (
        {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
        if isinstance(loop, ast.For)
        else set()
    )
    from_call: set[str] = set()
    for node in ast.walk(ast.Module(body=loop.body, type_ignores=[])):
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Call, ast.BinOp)):
            for target in node.targets:
                from_call |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    first_use: dict[str, bool] = {}  # name -> its first use in the body is a read
    for stmt in loop.body:
        for node in _in_order(stmt):
            if isinstance(node, ast.Name) and node.id not in first_use:
                first_use[node.id] = isinstance(node.ctx, ast.Load)
    return [n for n, read in first_use.items() if read and n in from_call and n not in targets]


# the size given for a name holding states in a list (one per layer), not a tuple
LIST_STATE = -1
_ALLOW_MUTATION = "allow_mutation_on_saved_tensors"
# `net.rnns[0].hx`: an attribute of a container's child (the container, the attribute)
_CHILD_ATTR = re.compile(r"^(.+)\[\d+\]\.([A-Za-z_]\w*)$")
# torch functions that make a tensor from their arguments alone; given `out=`, they also set
# its requires_grad (to their own `requires_grad=`, False by default)
_FACTORIES = frozenset(
    {"arange", "range", "linspace", "logspace", "zeros", "ones", "full", "empty", "eye"}
)


def _calls_named(node: ast.expr, name: str) -> bool:
    """`name(...)`, `a.b.name(...)`."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id == name) or (
        isinstance(func, ast.Attribute) and func.attr == name
    )


def _carried_attributes(loop: ast.For | ast.While, holders: dict[str, int | None]) -> list[str]:
    """The attribute paths among `holders` (`model.hidden`) whose root object the loop body
    uses (calls its forward) and which the loop body does not assign itself."""
    used = {
        n.id
        for n in ast.walk(ast.Module(body=loop.body, type_ignores=[]))
        if isinstance(n, ast.Name)
    }
    assigned = {
        ast.unparse(t)
        for n in ast.walk(ast.Module(body=loop.body, type_ignores=[]))
        if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
        for target in (n.targets if isinstance(n, ast.Assign) else [n.target])
        for t in ast.walk(target)
        if isinstance(t, ast.Attribute)
    }
    return [
        a
        for a in holders
        if "." in a and re.split(r"[.\[]", a, maxsplit=1)[0] in used and a not in assigned
    ]


def _in_order(stmt: ast.stmt) -> list[ast.AST]:
    """The nodes of a statement in evaluation order: an assignment's value before its
    targets."""
    if isinstance(stmt, ast.Assign):
        return [*ast.walk(stmt.value), *(n for t in stmt.targets for n in ast.walk(t))]
    if isinstance(stmt, (ast.For, ast.While, ast.If, ast.With)):
        head: list[ast.AST] = []
        if isinstance(stmt, ast.For):
            head = [*ast.walk(stmt.iter), *ast.walk(stmt.target)]
        elif isinstance(stmt, (ast.While, ast.If)):
            head = list(ast.walk(stmt.test))
        else:
            head = [n for item in stmt.items for n in ast.walk(item)]
        body = [n for s in (*stmt.body, *getattr(stmt, "orelse", [])) for n in _in_order(s)]
        return head + body
    return list(ast.walk(stmt))


def _only_calls(stmt: ast.stmt) -> bool:
    """A call statement, or a `with` block (an `if` or `for` without `else`) of call
    statements: it binds no name the code after it reads (a `for` binds its target)."""
    if isinstance(stmt, ast.With) or (isinstance(stmt, (ast.If, ast.For)) and not stmt.orelse):
        return all(isinstance(s, ast.Expr) for s in stmt.body)
    return isinstance(stmt, ast.Expr)


def _same_stmt(a: ast.stmt, b: ast.stmt) -> bool:
    """Two parses of one statement (same kind, same place)."""
    return (
        type(a) is type(b)
        and a.lineno == b.lineno
        and a.col_offset == b.col_offset
        and a.end_lineno == b.end_lineno
    )


def _is_int_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value > 0


def _is_repeatable(node: ast.expr) -> bool:
    """A name, an attribute chain, or one indexed by constants and names (`x`, `self.buf`,
    `batch[0]`): evaluating it again gives the same tensor and has no effect."""
    if isinstance(node, ast.Subscript):
        index = node.slice
        parts = index.elts if isinstance(index, ast.Tuple) else [index]
        return _is_repeatable(node.value) and all(
            isinstance(p, ast.Constant) or _is_simple_ref(p) for p in parts
        )
    return _is_simple_ref(node)


def _is_atomic(node: ast.AST) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript))


def _is_torch_attr(node: ast.expr, torch_name: str | None) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id == torch_name


def _short(text: str, limit: int = 50) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 3] + "..."


def _side_effect_free(node: ast.expr) -> bool:
    """An index expression made of names, constants, attributes and arithmetic only: reading
    it twice gives the same index."""
    allowed = (
        ast.Name,
        ast.Constant,
        ast.Attribute,
        ast.BinOp,
        ast.UnaryOp,
        ast.Tuple,
        ast.Slice,
        ast.Load,
        ast.operator,
        ast.unaryop,
    )
    return all(isinstance(n, allowed) for n in ast.walk(node))


def _callee_before(line: str, col: int) -> str | None:
    """The dotted name called by the innermost call open at `col` of `line` (`nn.ReLU` for the
    `True` in `self.act = nn.ReLU(True)`), None when the call starts on another line."""
    depth = 0
    for index in range(min(col, len(line)) - 1, -1, -1):
        char = line[index]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth:
                depth -= 1
                continue
            if char != "(":
                return None
            match = re.search(r"([A-Za-z_][\w.]*)\s*$", line[:index])
            return match.group(1) if match else None
    return None
