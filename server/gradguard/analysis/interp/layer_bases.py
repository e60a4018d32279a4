"""User module classes that derive from a torch.nn layer (`class InPlaceABN(nn.BatchNorm2d)`):
`super().__init__(...)` builds the layer (its parameters and buffers become the object's),
`super().forward(x)` runs it, and a subclass without its own `forward` is called as the
layer is."""

from __future__ import annotations

import ast

from .. import torch_api as api
from ..state import State
from ..values import ClassVal, ConstVal, ModuleObj, Value
from .base import InterpreterBase


class LayerBases(InterpreterBase):
    def call_super(self, name: str, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        _, owner, self_obj = self.super_receiver(state)
        if (
            owner is None
            or not isinstance(self_obj, ModuleObj)
            or name not in ("__init__", "forward")
            or any(name in base.methods for base in owner.bases)
        ):
            return super().call_super(name, node, state, stmt)  # type: ignore[safe-super]
        if name == "__init__":
            qual = self._layer_base(owner)
            if qual is None:
                return super().call_super(name, node, state, stmt)  # type: ignore[safe-super]
            self._adopt_layer(self_obj, self.construct_layer(qual, node, state, stmt))
            return ConstVal(None)
        if self_obj.layer is None:
            return super().call_super(name, node, state, stmt)  # type: ignore[safe-super]
        args, _ = self._eval_args(node, state, stmt)
        return self.run_layer_base(self_obj, args, node, state, stmt)

    def construct(self, cls: ClassVal, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        obj = super().construct(cls, node, state, stmt)  # type: ignore[safe-super]
        if (
            isinstance(obj, ModuleObj)
            and obj.layer is None
            and not any("__init__" in klass.methods for klass in (cls, *cls.bases))
        ):
            qual = self._layer_base(cls)
            if qual is not None:  # no `__init__` of its own: the layer's, given the arguments
                self._adopt_layer(obj, self.construct_layer(qual, node, state, stmt))
        return obj

    def _adopt_layer(self, obj: ModuleObj, layer: ModuleObj) -> None:
        obj.layer = layer
        for attr, value in layer.attrs.items():
            obj.attrs[attr] = value
            self._index_tensor(obj, attr, value)
        self._touch(obj)

    def run_layer_base(
        self, obj: ModuleObj, args: list[Value], node: ast.AST, state: State, stmt: ast.stmt
    ) -> Value:
        """The torch layer `obj` derives from, run on `args` (its parameters are the
        object's: the same tensors)."""
        assert obj.layer is not None
        return self._call_module_with(obj.layer, args, node, state, stmt)

    def _layer_base(self, cls: ClassVal) -> str | None:
        """The torch.nn layer the class names among its bases (directly, or a user base of it
        does), as a qualified name with layer facts."""
        for klass in (cls, *cls.bases):
            for qual in (
                *(self.imports.qualify(base) for base in klass.node.bases),
                klass.torch_layer,
            ):
                if qual in api.LAYERS and qual not in api.CONTAINERS:
                    return qual
        return None
