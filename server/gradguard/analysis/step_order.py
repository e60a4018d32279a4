"""Fixes for an optimizer step that runs before a later backward needing the old parameters,
where the two are reached through different statements of a common caller (a helper doing
`zero_grad(); loss.backward(); opt.step()` called once per network, a GAN's D update in one
`if` block and its G update in the next).

Both fixes change what is trained, so both are unsafe:
- the tensors were built before the common caller ran (its arguments): the statement that
  leads to the failing backward moves above the one that leads to the step (the update of the
  second network then runs first, on the parameters its loss was computed with);
- the forward that saved the parameters runs in the common caller, before the step: the
  statements computing what the failing backward needs are repeated right before the
  statement leading to that backward (the second loss then goes through the updated weights,
  as in the usual GAN loop);
- the forward and the step run in one function and the backward after it returns: what the
  function goes on to use from the forward is recomputed right after the step.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator

from .findings import Fix, Span, TextEdit
from .spans import SourceMap
from .state import CallChain

# calls that draw fresh random numbers: repeating them would feed the forward another input
_RANDOM_CALLS = frozenset(
    {
        "rand",
        "randn",
        "randint",
        "randperm",
        "rand_like",
        "randn_like",
        "randint_like",
        "normal",
        "bernoulli",
        "multinomial",
        "sample",
        "choice",
    }
)
_BLOCK_FIELDS = ("body", "orelse", "finalbody")


def parting(a: CallChain, b: CallChain) -> tuple[str, ast.stmt, ast.stmt] | None:
    """The file and the two statements of the common caller where two chains part (None when
    one chain is a prefix of the other or they part in different files)."""
    for (path_a, stmt_a), (path_b, stmt_b) in zip(a, b, strict=False):
        if stmt_a is stmt_b:
            continue
        return (path_a, stmt_a, stmt_b) if path_a == path_b else None
    return None


def parting_depth(a: CallChain, b: CallChain) -> int:
    """How many statements two chains share before they part."""
    depth = 0
    for (_, stmt_a), (_, stmt_b) in zip(a, b, strict=False):
        if stmt_a is not stmt_b:
            break
        depth += 1
    return depth


def _function_of(tree: ast.AST, stmt: ast.stmt) -> ast.AST:
    """The innermost function definition around `stmt` (the module when none is)."""
    inner = [
        n
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and _contains(n, stmt)
    ]
    return max(inner, key=lambda n: n.lineno) if inner else tree


def _saved_in_caller(
    tree: ast.AST, path: str, save: CallChain, step: CallChain, depth: int
) -> bool:
    """The save ran in the common caller's own code or below it: its chain follows the
    step's into that caller (one statement, `update(*losses(x))`, may call two functions:
    the save is then in another function than the common caller)."""
    shared = parting_depth(save, step)
    if shared < depth:
        return False  # it parted in an outer caller, before the common caller ran
    if shared > depth or len(save) <= depth:
        return True
    other_path, other = save[depth]
    return other_path == path and _function_of(tree, other) is _function_of(tree, step[depth][1])


def _contains(outer: ast.stmt, inner: ast.stmt) -> bool:
    return outer.lineno <= inner.lineno and (inner.end_lineno or inner.lineno) <= (
        outer.end_lineno or outer.lineno
    )


def shared_block(
    tree: ast.AST, first: ast.stmt, second: ast.stmt
) -> tuple[list[ast.stmt], int, int] | None:
    """The innermost statement list holding `first` and `second` in two of its statements,
    and the indexes of those two statements."""
    for field in _BLOCK_FIELDS:
        block = getattr(tree, field, None)
        if not isinstance(block, list):
            continue
        i = next((k for k, s in enumerate(block) if _contains(s, first)), None)
        j = next((k for k, s in enumerate(block) if _contains(s, second)), None)
        if i is None or j is None:
            continue
        if i != j:
            return block, i, j
        return shared_block(block[i], first, second)
    for node in ast.iter_child_nodes(tree):  # a match/try handler, a nested def
        if isinstance(node, ast.stmt) and _contains(node, first) and _contains(node, second):
            return shared_block(node, first, second)
    return None


def _common_block(
    src: SourceMap, tree: ast.AST, step_chain: CallChain, backward_chain: CallChain
) -> tuple[list[ast.stmt], int, int] | None:
    """In this file's common caller of the step and the backward: the statement list holding
    the statements their paths go through, and the indexes of those two statements."""
    part = parting(step_chain, backward_chain)
    if part is None or part[0] != src.path:
        return None
    return shared_block(tree, part[1], part[2])


def _reads(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _binds(node: ast.AST) -> set[str]:
    return {
        n.id for n in ast.walk(node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    }


def _simple_assign(stmt: ast.stmt) -> bool:
    """`a = f(x)` or `a, (b, c) = f(x)`: binds names only."""
    if not isinstance(stmt, ast.Assign):
        return False
    return all(
        isinstance(n, (ast.Name, ast.Tuple, ast.List, ast.Store))
        for t in stmt.targets
        for n in ast.walk(t)
    )


def _callee_names(node: ast.AST) -> Iterator[str]:
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            f = n.func
            if isinstance(f, ast.Attribute):
                yield f.attr
            elif isinstance(f, ast.Name):
                yield f.id


def _short(text: str, limit: int = 50) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 3] + "..."


def _own_lines(src: SourceMap, stmt: ast.stmt) -> bool:
    span = src.span(stmt)
    if src.lines[span.line - 1][: span.col].strip():
        return False
    rest = src.lines[span.end_line - 1][span.end_col :].strip()
    return not rest or rest.startswith("#")


def _lines_of(src: SourceMap, stmt: ast.stmt) -> str:
    return "\n".join(src.lines[stmt.lineno - 1 : stmt.end_lineno or stmt.lineno]) + "\n"


def move_call_above(
    src: SourceMap,
    tree: ast.AST,
    step_chain: CallChain,
    backward_chain: CallChain,
    save_chains: list[CallChain],
) -> Fix | None:
    """The call leading to the failing backward moves above the call leading to the step, in
    their common caller. Offered where every saved tensor was built before that caller ran
    (so no statement of it feeds the moved call), both are plain call statements, and the
    statements from the step's call to the moved one bind nothing the moved call reads."""
    found = _common_block(src, tree, step_chain, backward_chain)
    if found is None:
        return None
    depth = parting_depth(step_chain, backward_chain)
    if not save_chains or any(
        _saved_in_caller(tree, src.path, c, step_chain, depth) for c in save_chains
    ):
        return None  # a save happened inside the common caller: the moved call may need it
    block, a, b = found
    if a >= b:
        return None  # the backward comes first: the step is a later round's
    first, moved = block[a], block[b]
    if not all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) for s in (first, moved)):
        return None
    if _reads(moved) & {n for s in block[a:b] for n in _binds(s)}:
        return None
    if _binds(moved) or not _own_lines(src, first) or not _own_lines(src, moved):
        return None
    path = src.path
    start, end = moved.lineno, moved.end_lineno or moved.lineno
    text = _lines_of(src, moved)
    edits = (
        TextEdit(Span(first.lineno, 0, first.lineno, 0, path), text),
        TextEdit(Span(start, 0, end + 1, 0, path), ""),
    )
    return Fix(
        f"Move `{_short(src.text(moved))}` (line {start}) above `{_short(src.text(first))}` "
        f"(line {first.lineno}) (unsafe: that update then runs first, with the parameters its "
        f"loss was computed with, and its backward also adds gradients to the other network)",
        edits,
        safe=False,
    )


def repeat_forward_after(
    src: SourceMap,
    tree: ast.AST,
    step_chain: CallChain,
    backward_chain: CallChain,
    save_chains: list[CallChain],
) -> Fix | None:
    """The statements of the common caller that compute what the failing backward needs,
    from the forward that saved the stepped parameters on, are repeated right before the
    statement leading to that backward. Offered where each is a plain assignment of names
    before the step's statement, the forward's statements are among them, their inputs are
    not rebound up to the repeat, and none draws random numbers (the repeat must see the same
    inputs)."""
    found = _common_block(src, tree, step_chain, backward_chain)
    if found is None or not save_chains:
        return None
    block, a, b = found
    if a >= b:
        return None
    savers: set[int] = set()
    for chain in save_chains:
        saved = parting(chain, step_chain)
        if saved is None or saved[0] != src.path:
            return None
        where = shared_block(tree, saved[1], saved[2])
        if where is None or where[0] is not block or where[1] >= a:
            return None
        savers.add(where[1])
    low = min(savers)
    needed = _reads(block[b])
    copied: list[int] = []
    for i in range(b - 1, low - 1, -1):
        bound = _binds(block[i])
        if not bound & needed:
            continue
        if i >= a or not _simple_assign(block[i]):
            return None  # the step's statement, or one after it, makes what the backward needs
        needed = (needed - bound) | _reads(block[i])
        copied.append(i)
    copied.reverse()
    if not savers <= set(copied):
        return None  # the failing backward does not go through the forward's own names
    inputs: set[str] = set()
    made: set[str] = set()
    for i in copied:
        inputs |= _reads(block[i]) - made
        made |= _binds(block[i])
    others = {n for i in range(low, b) if i not in copied for n in _binds(block[i])}
    if inputs & others:
        return None  # an input changed between the forward and the repeat
    stmts = [block[i] for i in copied]
    if any(name in _RANDOM_CALLS for s in stmts for name in _callee_names(s)):
        return None
    if not all(_own_lines(src, s) for s in (*stmts, block[b])):
        return None
    before = block[b].lineno
    text = "".join(_lines_of(src, s) for s in stmts)
    lines = ", ".join(str(s.lineno) for s in stmts)
    what = f"`{_short(src.text(stmts[0]))}`" if len(stmts) == 1 else f"lines {lines} of the forward"
    backward_path, backward = backward_chain[-1]
    at = backward.lineno if backward_path == src.path else block[b].lineno
    return Fix(
        f"Repeat {what} before line {before}, after the step (unsafe: the backward at line "
        f"{at} then goes through the weights the step updated)",
        (TextEdit(Span(before, 0, before, 0, src.path), text),),
        safe=False,
    )


def move_step_below_block(
    src: SourceMap,
    tree: ast.AST,
    step_chain: CallChain,
    backward_chain: CallChain,
    other_backwards: Collection[CallChain] = (),
) -> Fix | None:
    """The step statement itself moves below the compound statement (an `if` or `with` block)
    of the same block that holds the failing backward (`opt_d.step()` above
    `if compute_g: ... g_loss.backward()`). Unsafe like the move within one block: the update
    then also uses the gradients the backwards before it add to its parameters. Not offered
    when the statement that moves also runs a backward (`model.optimize_G()` doing
    `backward_G(); opt_g.step()`): that backward would then run after the failing one, which
    may free the graph both go through."""
    part = parting(step_chain, backward_chain)
    if part is None or part[0] != src.path:
        return None
    found = shared_block(tree, part[1], part[2])
    if found is None:
        return None
    block, a, b = found
    moved, holder = block[a], block[b]
    if a >= b or not isinstance(holder, (ast.If, ast.With)):
        return None
    if not (isinstance(moved, ast.Expr) and isinstance(moved.value, ast.Call)):
        return None
    if moved.lineno != part[1].lineno or not _own_lines(src, moved):
        return None  # not the step statement itself
    here = (src.path, moved.lineno, moved.col_offset)  # (the chains hold another parse's nodes)
    if any(
        (path, stmt.lineno, stmt.col_offset) == here
        for chain in other_backwards
        for path, stmt in chain
    ):
        return None  # a backward runs inside the statement that would move
    end = holder.end_lineno or holder.lineno
    start, stop = moved.lineno, moved.end_lineno or moved.lineno
    text = _lines_of(src, moved)
    last = len(src.lines[end - 1].rstrip("\r\n"))
    insert = (
        TextEdit(Span(end + 1, 0, end + 1, 0, src.path), text)
        if end < len(src.lines)
        else TextEdit(Span(end, last, end, last, src.path), "\n" + text.rstrip("\n"))
    )
    backward_path, backward = backward_chain[-1]
    at = backward.lineno if backward_path == src.path else part[2].lineno
    return Fix(
        f"Move `{_short(src.text(moved))}` below the block ending at line {end} (unsafe: the "
        f"update then runs after the backward at line {at}, and with any gradients it adds)",
        (TextEdit(Span(start, 0, stop + 1, 0, src.path), ""), insert),
        safe=False,
    )


def _loop_with_body(tree: ast.AST, block: list[ast.stmt]) -> ast.For | ast.While | None:
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While)) and node.body is block:
            return node
    return None


def repeat_forward_in_loop(
    src: SourceMap,
    tree: ast.AST,
    step_chain: CallChain,
    backward_chain: CallChain,
    save_chains: list[CallChain],
) -> Fix | None:
    """A loop whose every round backpropagates and steps through a forward made once before it
    (`fake = netG(noise)` above `for j in range(g_steps): ... errG.backward(); opt.step()`):
    the forward's assignment is repeated at the top of the loop body, so each round goes
    through the weights the previous round's step updated. Offered where the step follows the
    backward in the loop body, one plain assignment of names outside the loop made every saved
    tensor, the loop body neither assigns its names nor rebinds what it reads, and it draws no
    random numbers."""
    found = _common_block(src, tree, step_chain, backward_chain)
    if found is None or not save_chains:
        return None
    block, a, b = found
    loop = _loop_with_body(tree, block)
    if loop is None or a <= b:
        return None  # not a later round's step
    savers: set[int] = set()
    forward: ast.stmt | None = None
    for chain in save_chains:
        saved = parting(chain, step_chain)
        if saved is None or saved[0] != src.path or _contains(loop, saved[1]):
            return None
        savers.add(id(saved[1]))
        forward = saved[1]
    if forward is None or len(savers) != 1 or not _simple_assign(forward):
        return None
    if _function_of(tree, forward) is not _function_of(tree, loop):
        return None
    bound_in_loop = {n for s in block for n in _binds(s)}
    if isinstance(loop, ast.For):
        bound_in_loop |= _binds(loop.target)
    if (_binds(forward) | _reads(forward)) & bound_in_loop:
        return None
    if not _binds(forward) & {n for s in block for n in _reads(s)}:
        return None  # the loop does not use what the forward made
    if any(name in _RANDOM_CALLS for name in _callee_names(forward)):
        return None
    first = block[0]
    if not _own_lines(src, forward) or not _own_lines(src, first):
        return None
    indent = " " * first.col_offset
    text = "".join(
        indent + line[forward.col_offset :].rstrip("\r\n") + "\n"
        if not line[: forward.col_offset].strip()
        else line
        for line in src.lines[forward.lineno - 1 : forward.end_lineno or forward.lineno]
    )
    return Fix(
        f"Repeat `{_short(src.text(forward))}` (line {forward.lineno}) at the top of the loop at "
        f"line {loop.lineno} (unsafe: each round's backward then goes through the weights the "
        f"previous round's step updated)",
        (TextEdit(Span(first.lineno, 0, first.lineno, 0, src.path), text),),
        safe=False,
    )


def repeat_forward_after_step(
    src: SourceMap,
    tree: ast.AST,
    step_chain: CallChain,
    backward_chain: CallChain,
    save_chains: list[CallChain],
) -> Fix | None:
    """The forward that saved the stepped parameters and the step run in one function, and a
    backward outside it goes through what that function goes on to use (a loss function that
    also trains the discriminator, returning the generator's term computed before the step):
    the statements computing that from the forward on are repeated right after the step, so
    it goes through the updated weights. What the function's own backward consumed is not
    repeated. Offered where each repeated statement is a plain assignment of names, their
    inputs are not rebound up to the step, and none draws random numbers."""
    if not save_chains:
        return None
    block: list[ast.stmt] | None = None
    at = -1
    savers: set[int] = set()
    for chain in save_chains:
        part = parting(chain, step_chain)
        if part is None or part[0] != src.path:
            return None
        if parting_depth(backward_chain, step_chain) >= parting_depth(chain, step_chain):
            return None  # the backward runs in that function too
        found = shared_block(tree, part[1], part[2])
        if found is None or found[1] >= found[2]:
            return None
        if block is None:
            block, at = found[0], found[2]
        elif found[0] is not block or found[2] != at:
            return None
        savers.add(found[1])
    if block is None:
        return None
    low = min(savers)
    made: set[str] = set()  # names holding what the forward computed
    consumed: set[str] = set()  # what a backward before the step went through
    for i in range(low, at):
        if i in savers or _reads(block[i]) & made:
            made |= _binds(block[i])
        if "backward" in _callee_names(block[i]):
            consumed |= _reads(block[i])
    needed = {n for s in block[at + 1 :] for n in _reads(s)} & made - consumed
    if not needed:
        return None
    copied: list[int] = []
    for i in range(at - 1, low - 1, -1):
        bound = _binds(block[i])
        if not bound & needed:
            continue
        if not _simple_assign(block[i]):
            return None
        needed = (needed - bound) | (_reads(block[i]) & made)
        copied.append(i)
    copied.reverse()
    if not savers <= set(copied):
        return None
    inputs = {n for i in copied for n in _reads(block[i])} - made
    if inputs & {n for i in range(low, at + 1) if i not in copied for n in _binds(block[i])}:
        return None  # an input changed between the forward and the step
    stmts = [block[i] for i in copied]
    step = block[at]
    if any(name in _RANDOM_CALLS for s in stmts for name in _callee_names(s)):
        return None
    if not all(_own_lines(src, s) for s in (*stmts, step)):
        return None
    after = (step.end_lineno or step.lineno) + 1
    text = "".join(_lines_of(src, s) for s in stmts)
    close = len(src.lines[after - 2].rstrip("\r\n"))
    insert = (
        TextEdit(Span(after, 0, after, 0, src.path), text)
        if after <= len(src.lines)
        else TextEdit(Span(after - 1, close, after - 1, close, src.path), "\n" + text.rstrip("\n"))
    )
    lines = ", ".join(str(s.lineno) for s in stmts)
    what = f"`{_short(src.text(stmts[0]))}`" if len(stmts) == 1 else f"lines {lines}"
    backward_path, backward = backward_chain[-1] if backward_chain else ("", step)
    where = f" at line {backward.lineno}" if backward_path == src.path and backward_chain else ""
    return Fix(
        f"Repeat {what} after `{_short(src.text(step))}` (unsafe: the backward{where} then "
        f"goes through the weights the step updated)",
        (insert,),
        safe=False,
    )
