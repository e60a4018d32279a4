"""Facts about what ops keep for backward where the generated table over-approximates.

The table is measured on OpInfo's sample inputs and merges every sample (and overload) of an
op into one rule, so an op whose variants differ keeps the union: the max-pool samples with
`return_indices` made the pool look as if it kept its output, `pow`'s tensor-exponent samples
made the result look kept for a scalar exponent too. Each entry here was measured on torch
2.13 CPU the way users call the op (the op, an in-place write to the tensor in question,
then a backward): writing a tensor the entry leaves out does not break the backward.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

# key -> the "saves" (or "inplace_saves") rule that replaces the measured one
CORRECTIONS: dict[str, dict[str, Any]] = {
    # max pooling keeps its input and the indices, never its output (an in-place ReLU after
    # MaxPool2d is safe); the same for the adaptive and fractional variants
    **{
        f"nn.functional.{name}": {"saves": {"args": {"0": ["0"]}, "output": []}}
        for name in (
            "max_pool1d",
            "max_pool2d",
            "max_pool3d",
            "adaptive_max_pool1d",
            "adaptive_max_pool2d",
            "adaptive_max_pool3d",
            "fractional_max_pool2d",
            "fractional_max_pool3d",
        )
    },
    # sort/topk/kthvalue/mode return (values, indices) and keep only the indices: writing the
    # values in place (`vals[:, 0] = 0` after a sort) does not break the backward; cummax and
    # cummin keep their input and the indices, never the values
    **{
        name: {"saves": {"args": {}, "output": []}} for name in ("sort", "topk", "kthvalue", "mode")
    },
    **{name: {"saves": {"args": {"0": ["0"]}, "output": []}} for name in ("cummax", "cummin")},
    # x ** e keeps its result only for the exponent's gradient (a tensor exponent that
    # requires grad), in place or not
    "pow": {
        "saves": {"args": {"0": ["0", "1"], "1": ["0", "1"]}, "output": ["1"]},
        "inplace_saves": {"args": {"1": ["0", "1"]}, "output": ["1"]},
    },
}


def corrected(key: str, raw: Any) -> Any:
    """The raw row of `key` with its corrections applied (the raw row when it has none)."""
    fix = CORRECTIONS.get(key)
    if fix is None or not isinstance(raw, dict):
        return raw
    return MappingProxyType({**raw, **fix})
