"""A tensor moved or converted under inference mode (`self.grid = self.grid.to(x)`,
`.cuda()`, `.type(...)`) is a new tensor made there, so an inference tensor, unless the move
changed nothing (then it is the same tensor). The move is written because it usually changes
device or dtype, as it does on the GPU the code is meant for: the result is taken to be an
inference tensor, which a cached attribute carries out of the inference-mode call.

`t.is_inference()` on a tensor made under inference mode is True: a cache that is rebuilt
for training when it holds one (`if self.training and self._cos_cached.is_inference():`)
takes that branch. On another tensor it stays unknown (one we did not follow may be one)."""

from __future__ import annotations

import ast
import re
import weakref

from ..spans import SourceMap
from ..state import State
from ..values import ConstVal, TensorVal, Tri, Value
from .base import InterpreterBase

MOVES = frozenset({"to", "cuda", "type", "type_as"})
# per module text (its source map): whether it names another precision or a GPU
_PRECISION_NAMED: weakref.WeakKeyDictionary[SourceMap, bool] = weakref.WeakKeyDictionary()
_OTHER_PRECISION = re.compile(
    r"float16|bfloat16|float64|\bdouble\b|\bhalf\b|\.half\(|\.double\(|cuda|\bautocast\b|\bamp\b"
)


class InferenceMoves(InterpreterBase):
    def call_tensor_method(
        self,
        receiver: TensorVal,
        method: str,
        node: ast.Call,
        state: State,
        stmt: ast.stmt,
        skip_first: bool = False,
    ) -> Value:
        out = super().call_tensor_method(  # type: ignore[safe-super]
            receiver, method, node, state, stmt, skip_first
        )
        if method == "is_inference" and receiver.inference and not node.args:
            return ConstVal(True)
        if (
            method in MOVES
            and state.inference_mode
            and isinstance(out, TensorVal)
            and not out.inference
            and (node.args or node.keywords or method == "cuda")
        ):
            # made there; unsure in code that never leaves float32 on the CPU
            moved = not self._names_other_precision()
            return out.with_(inference=True, rg=Tri.NO, leaf_rg=Tri.NO, moved=moved)
        return out

    def _names_other_precision(self) -> bool:
        """Does the module's text name a floating dtype other than float32, a precision cast
        or a GPU (where a move between tensors converts or copies)? Read once per text."""
        found = _PRECISION_NAMED.get(self.src)
        if found is None:
            found = any(_OTHER_PRECISION.search(line) for line in self.src.lines)
            _PRECISION_NAMED[self.src] = found
        return found
