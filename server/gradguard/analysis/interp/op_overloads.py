"""Ops whose overloads keep different tensors, where the op table (one row per op name)
holds the rule of the most common overload. `pow` with a tensor exponent
(`torch.pow(r, powers)`, `r ** powers`) keeps its result whenever either side requires grad
(measured on torch 2.13 CPU: writing the result in place breaks the backward even when only
the base requires grad); with a number exponent (`x ** 2`) it keeps only its base, which is
the row's rule."""

from __future__ import annotations

import ast
from dataclasses import replace

from ...optable.table import OpRow
from ..state import State
from ..values import TensorVal, Value
from .base import InterpreterBase

# the tensor-exponent overload of pow keeps its result for either side's gradient
_BOTH_SIDES = frozenset({"0", "1"})


class OpOverloads(InterpreterBase):
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
        if (
            row is not None
            and row.key == "pow"
            and isinstance(args.get("0"), TensorVal)
            and isinstance(args.get("1"), TensorVal)
        ):
            row = replace(row, saves=replace(row.saves, output=_BOTH_SIDES))
        return super().apply_op(  # type: ignore[safe-super]
            row, args, node, stmt, state, name, arg_nodes=arg_nodes, clonable=clonable
        )
