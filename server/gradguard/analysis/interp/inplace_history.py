"""The history an in-place op leaves on its tensor: autograd rebases the tensor's graph onto
the op's backward, so whatever later runs back through the tensor (by any name that holds it)
reaches that backward and what it saved. A name bound before the op (`x` in
`self.relu(x)` whose result is discarded, or the caller's `xs[0]`) keeps its old value here;
the next in-place op on the same tensor picks the history up from the saves themselves."""

from __future__ import annotations

from ..state import State
from ..values import SaveKey, TensorVal


def inplace_history(state: State, target: TensorVal) -> frozenset[SaveKey]:
    """The results earlier in-place ops on `target`'s tensor saved (`relu_`, `exp_`,
    `nn.ReLU(inplace=True)`), which its current graph runs back through."""
    if target.may_alias or not target.sids:
        return frozenset()
    return frozenset(
        key
        for key, rec in state.saves.items()
        if key[-1] == "out" and rec.what == "its result" and rec.sids <= target.sids
    )
