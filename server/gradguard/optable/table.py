"""Read-only access to the generated op table (``data/optable.json``).

The analyzer must run without torch installed, so this module only parses JSON: the facts were
measured once against a real torch by :mod:`gradguard.optable.generate`.

Arg ids name the arguments of a call ``op(input, *args, **kwargs)``: ``"0"`` is ``input`` (for a
method call, the tensor it is called on), ``"1"`` the first positional argument after it, and a
keyword argument is named by its keyword (``"running_mean"``). Where torch exposes a Python
signature, a parameter appears under both spellings (``"1"`` and ``"running_mean"``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from .corrections import corrected

_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SaveRule:
    """Which tensors a recorded op keeps for backward, as a function of which args need grad.

    ``args[i]`` holds the arg ids whose requiring grad makes arg ``i`` saved; ``output`` the arg
    ids whose requiring grad makes the op's result saved. Saved tensors must not be modified in
    place before backward.
    """

    args: Mapping[str, frozenset[str]]
    output: frozenset[str]

    def saved_args(self, requires_grad: Callable[[str], bool]) -> frozenset[str]:
        """Arg ids that are saved when exactly the ids accepted by ``requires_grad`` need grad."""
        return frozenset(
            i for i, triggers in self.args.items() if any(requires_grad(j) for j in triggers)
        )

    def saves_output(self, requires_grad: Callable[[str], bool]) -> bool:
        """Whether the result is saved (so an in-place change of it breaks backward)."""
        return any(requires_grad(j) for j in self.output)

    def __hash__(self) -> int:
        return hash((frozenset(self.args.items()), self.output))

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> SaveRule:
        args = raw.get("args") or {}
        return cls(
            args=MappingProxyType({str(i): frozenset(js) for i, js in args.items() if js}),
            output=frozenset(raw.get("output") or ()),
        )


@dataclass(frozen=True)
class OpRow:
    """Everything gradguard knows about one torch op (keyed by its OpInfo name).

    ``inplace`` is the name of the in-place spelling (``"mul_"``) if torch has one by name;
    ``inplace_saves`` is what that in-place form saves, None when there is no in-place form or
    it could not be measured. ``view``: the result shares input 0's version counter (for tuple
    results: every tensor in it). ``multi_view``: the results are multi-output views, which
    autograd forbids modifying in place.
    """

    key: str
    differentiable: bool
    supports_out: bool
    inplace: str | None
    view: bool
    multi_view: bool
    saves: SaveRule
    inplace_saves: SaveRule | None

    @classmethod
    def from_json(cls, key: str, raw: Mapping[str, Any]) -> OpRow:
        inplace_saves = raw.get("inplace_saves")
        return cls(
            key=key,
            differentiable=bool(raw.get("differentiable", False)),
            supports_out=bool(raw.get("supports_out", False)),
            inplace=raw.get("inplace"),
            view=bool(raw.get("view", False)),
            multi_view=bool(raw.get("multi_view", False)),
            saves=SaveRule.from_json(raw.get("saves") or {}),
            inplace_saves=None if inplace_saves is None else SaveRule.from_json(inplace_saves),
        )


@dataclass(frozen=True)
class OpTable:
    """The op rows plus the map from qualified callable names (``torch.mul``,
    ``Tensor.__imul__``, ``torch.nn.functional.relu``) to row keys."""

    torch_version: str
    rows: Mapping[str, OpRow]
    callables: Mapping[str, str]

    def row(self, key: str) -> OpRow | None:
        """The row for an op key (OpInfo name such as ``"mul"`` or ``"nn.functional.relu"``)."""
        return self.rows.get(key)

    def lookup(self, qualified_name: str) -> OpRow | None:
        """The row for a name as users write it, e.g. ``"torch.sigmoid"`` or ``"Tensor.mul_"``."""
        key = self.callables.get(qualified_name)
        return None if key is None else self.rows.get(key)

    def keys(self) -> Iterable[str]:
        return self.rows.keys()

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> OpTable:
        rows = {k: OpRow.from_json(k, corrected(k, v)) for k, v in (raw.get("ops") or {}).items()}
        return cls(
            torch_version=str(raw.get("torch_version", "")),
            rows=MappingProxyType(rows),
            callables=MappingProxyType(dict(raw.get("callables") or {})),
        )


@functools.lru_cache(maxsize=1)
def load_optable() -> OpTable:
    """The committed table, parsed once per process (it is immutable)."""
    text = resources.files("gradguard.optable").joinpath("data/optable.json").read_text("utf-8")
    return OpTable.from_json(json.loads(text))


__all__ = ["OpRow", "OpTable", "SaveRule", "load_optable"]
