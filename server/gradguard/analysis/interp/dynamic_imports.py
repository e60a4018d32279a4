"""Modules and names reached by constant strings: `importlib.import_module("models.unet")` is
the project module `import models.unet` would bind (run once, like any import), and
`getattr(module, "UNet")` its member; `models.__dict__[name]` (the torchvision examples'
`models.__dict__[args.arch]`) reads the module's globals as a dict."""

from __future__ import annotations

import ast

from ..state import State
from ..values import UNKNOWN, ConstVal, DictVal, ModuleNsVal, Value
from .base import InterpreterBase
from .limits import MAX_DICT_ITEMS


class DynamicImports(InterpreterBase):
    def import_module_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`importlib.import_module(name)` with a constant absolute name."""
        args, kwargs = self._eval_args(node, state, stmt)
        if (
            self.linker is None
            or len(args) != 1
            or kwargs
            or not isinstance(args[0], ConstVal)
            or not isinstance(args[0].value, str)
            or args[0].value.startswith(".")
        ):
            return UNKNOWN
        return self.linker.import_dotted(args[0].value, state)

    def run_path_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """`runpy.run_path(path)` of a project file named by a constant: its globals, as the
        dict run_path returns (a config file read into a namespace)."""
        args, _ = self._eval_args(node, state, stmt)
        if (
            self.linker is None
            or len(args) != 1
            or not isinstance(args[0], ConstVal)
            or not isinstance(args[0].value, str)
        ):
            return UNKNOWN
        scope = self.linker.run_file(args[0].value, state)
        if scope is None or len(scope.env) > MAX_DICT_ITEMS:
            return UNKNOWN
        env: dict[str, Value] = scope.env  # type: ignore[assignment]
        return DictVal(tuple(env.items()))

    def module_member(self, module: ModuleNsVal, name: str, state: State) -> Value:
        """`getattr(module, "UNet")`: the member, as `module.UNet` reads it."""
        if self.linker is None:
            return UNKNOWN
        if name == "__dict__":
            env = getattr(module.scope, "env", {})
            if len(env) > MAX_DICT_ITEMS:
                return UNKNOWN
            return DictVal(tuple(env.items()))
        return self.linker.attribute(module, name, state)
