"""A recurrent layer's options and per-layer weights as code reads them: `self.num_layers`,
`self._all_weights[layer]`, `getattr(self, f"weight_hh_l{k}")` on an `nn.GRU` (or a user class
deriving from one, as TorchRL's Python-coded GRU does). The layer facts name only the first
layer's weights; the others are parameters of their own (leaves that require grad), made
when the layer is built (their names follow its options)."""

from __future__ import annotations

from .. import torch_api as api
from ..values import ConstVal, ModuleObj, TupleVal, Value

_KINDS = {f"torch.nn.{k}": k for k in api.RNN_INIT_ARGS}
RECURRENT = frozenset(_KINDS)


def recurrent_layer(obj: ModuleObj) -> ModuleObj | None:
    """The torch recurrent layer `obj` is, or derives from."""
    if obj.kind in _KINDS:
        return obj
    if obj.layer is not None and obj.layer.kind in _KINDS:
        return obj.layer
    return None


def option(layer: ModuleObj, name: str) -> Value | None:
    """A constructor option as the layer keeps it (`num_layers`, `bidirectional`, ...)."""
    kind = _KINDS.get(layer.kind)
    if kind is None or name not in api.RNN_INIT_ARGS[kind]:
        return None
    given = layer.options.get(name)
    if given is not None:
        return given
    default = api.RNN_DEFAULTS.get(name)
    return ConstVal(default) if default is not None else None


def weight_names(layer: ModuleObj) -> list[list[str]] | None:
    """`_all_weights`: per layer and direction, the parameter names in torch's order; None
    where the options that decide them are not known."""
    known: dict[str, object] = {}
    for name in ("num_layers", "bias", "bidirectional", "proj_size"):
        value = option(layer, name)
        if value is None and name == "proj_size":
            continue  # GRU and RNN have none
        if not isinstance(value, ConstVal):
            return None
        known[name] = value.value
    layers, bias, both, proj = (
        known["num_layers"],
        known["bias"],
        known["bidirectional"],
        known.get("proj_size", 0),
    )
    if not isinstance(layers, int) or layers > 16:
        return None
    out: list[list[str]] = []
    for k in range(layers):
        for suffix in ("", "_reverse") if both else ("",):
            names = [f"weight_ih_l{k}{suffix}", f"weight_hh_l{k}{suffix}"]
            if bias:
                names += [f"bias_ih_l{k}{suffix}", f"bias_hh_l{k}{suffix}"]
            if proj:
                names.append(f"weight_hr_l{k}{suffix}")
            out.append(names)
    return out


def all_weights_value(layer: ModuleObj) -> Value | None:
    names = weight_names(layer)
    if names is None:
        return None
    return TupleVal(tuple(TupleVal(tuple(ConstVal(n) for n in group)) for group in names))


def more_weights(layer: ModuleObj) -> list[str]:
    """The parameter names beyond the first layer's one direction (`weight_ih_l1`,
    `weight_hh_l0_reverse`, ...), where the options are known."""
    names = weight_names(layer)
    if names is None:
        return []
    return [n for group in names[1:] for n in group] + [n for n in names[0] if n not in layer.attrs]


def flat_names_value(layer: ModuleObj) -> Value | None:
    """`_flat_weights_names`: the same names in one list."""
    names = weight_names(layer)
    if names is None:
        return None
    return TupleVal(tuple(ConstVal(n) for group in names for n in group))


def layer_attribute(obj: ModuleObj, name: str) -> Value | None:
    """`self.num_layers`, `self._all_weights` of a recurrent layer (or a class deriving from
    one); None for anything else."""
    layer = recurrent_layer(obj)
    if layer is None:
        return None
    if name == "_all_weights":
        return all_weights_value(layer)
    if name == "_flat_weights_names":
        return flat_names_value(layer)
    return option(layer, name)
