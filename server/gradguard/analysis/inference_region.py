"""A fix for tensors made in inference mode and then saved for backward or written in place
outside it (GG005, GG006): the one `torch.inference_mode()` region of the file becomes
`torch.no_grad()`. The values computed are the same; the tensors made there are then normal
tensors that autograd may save and that may be written in place later (the fix the unsloth
maintainers made for `add_new_tokens`). Offered only where the file holds exactly one
inference-mode region (a `with` item or a decorator), so that region made the tensor, unless
it came from another module."""

from __future__ import annotations

import ast

from .findings import Fix, TextEdit
from .spans import SourceMap


def _inference_calls(tree: ast.AST, torch_name: str) -> list[ast.expr]:
    """`torch.inference_mode()` / `@torch.inference_mode` uses in `with` items and decorators."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        exprs: list[ast.expr] = []
        if isinstance(node, (ast.With, ast.AsyncWith)):
            exprs = [item.context_expr for item in node.items]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            exprs = list(node.decorator_list)
        for expr in exprs:
            func = expr.func if isinstance(expr, ast.Call) else expr
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "inference_mode"
                and isinstance(func.value, ast.Name)
                and func.value.id == torch_name
            ):
                found.append(expr)
    return found


def inference_to_no_grad(src: SourceMap, tree: ast.AST, torch_name: str | None) -> Fix | None:
    if torch_name is None:
        return None
    uses = _inference_calls(tree, torch_name)
    if len(uses) != 1:
        return None
    use = uses[0]
    if isinstance(use, ast.Call) and (use.args or use.keywords):
        return None  # `inference_mode(False)` / `mode=...`: not a plain region
    new = f"{torch_name}.no_grad()"
    return Fix(
        f"Use `{new}` instead of `{src.full_text(use)}` (line {use.lineno}): the tensors made "
        f"there become normal tensors",
        (TextEdit(src.span(use), new),),
    )
